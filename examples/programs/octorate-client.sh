#!/usr/bin/env bash
# An Octorate client in shell (bash, curl, jq, GNU date), run by `oauth-doubles verify --command`.
#
# It speaks oauth-doubles' command protocol 1: settings on the first stdin line, then one JSON operation per
# line (authorizationUrl, handleCallback, reservations, configuration), one JSON answer per line on stdout.
# What it does, and why (Octorate's OAuth flows): a fresh random state per authorisation, checked and used up
# by the callback before anything else (CSRF); the code exchanged at once with grant_type=code and the same
# redirect_uri; every identity call a form POST (the secret is read by curl from a file, never a command
# line); expiry read from expireDate (its "[UTC]" suffix stripped), renewed 60 s before; the refresh token
# kept (a new one replaces it) and used at /identity/refresh; the apilogin token for API operations and the
# property token for property calls; a 401 ApiKeyInvalid renews once and retries once; a quota error is
# reported at once. OCTORATE_BUGS (comma-separated) switches deliberate bugs on, for the contract tests.
set -u

read -r first || exit 0
eval "$(jq -r '.settings | @sh "client_id=\(.clientId) redirect_uri=\(.redirectUri) authorize_url=\(.authorizeUrl) token_url=\(.tokenUrl) refresh_url=\(.refreshUrl) apilogin_url=\(.apiLoginUrl) api=\(.apiBaseUrl)"' <<<"$first")"
bugs=",${OCTORATE_BUGS:-},"
has_bug() { [[ $bugs == *",$1,"* ]]; }

work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
jq -j '.settings.clientSecret' <<<"$first" >"$work/secret"
declare -A states=()
refresh_token="" property_token="" property_renew=0 apilogin_token="" apilogin_renew=0

urldecode() { local v=${1//+/ }; printf '%b' "${v//%/\\x}"; }
query_param() { # url name → value (empty when absent)
  local query=${1#*\?} pair
  [[ $query == "$1" ]] && return
  IFS='&' read -ra pairs <<<"$query"
  for pair in "${pairs[@]}"; do [[ ${pair%%=*} == "$2" ]] && { urldecode "${pair#*=}"; return; }; done
}

# identity URL what field=value… : a form POST; sets token, renew_at, new_refresh or error.
identity() {
  local url=$1 what=$2 out status
  shift 2
  local args=(-sS --max-time 30 -o "$work/body" -w '%{http_code}' -H 'Accept: application/json' --data-urlencode "client_id=$client_id" --data-urlencode "client_secret@$work/secret")
  for field in "$@"; do args+=(--data-urlencode "$field"); done
  status=$(curl "${args[@]}" "$url") || status=000
  if [[ $status != 200 ]]; then
    error="Octorate $what answered $status $(jq -r '(.type // "") + (if .message then ": " + .message else "" end)' "$work/body" 2>/dev/null)"
    error_status=$status error_type=$(jq -r '.type // empty' "$work/body" 2>/dev/null)
    return 1
  fi
  token=$(jq -r 'if (.access_token|type)=="string" then .access_token else empty end' "$work/body" 2>/dev/null)
  [[ -n $token ]] || { error="Octorate $what answered 200 without an access_token" error_status=200; return 1; }
  local expires now
  if has_bug fixed-lifetime; then
    expires=$(($(date +%s) + 86400))
  else
    expires=$(date -d "$(jq -r '.expireDate // empty' "$work/body" | sed 's/\[.*\]$//')" +%s 2>/dev/null) ||
      { error="Octorate $what answered an unreadable expireDate" error_status=200; return 1; }
  fi
  now=$(date +%s)
  local lifetime=$((expires > now ? expires - now : 0))
  renew_at=$((expires - (lifetime / 2 < 60 ? lifetime / 2 : 60)))
  new_refresh=$(jq -r '.refresh_token // empty' "$work/body")
}

authorization_url() {
  local state
  state=$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
  has_bug fixed-state && state=fixed-state
  states[$state]=$(($(date +%s) + 600))
  value=$(jq -cn --arg u "$authorize_url" --arg c "$client_id" --arg r "$redirect_uri" --arg s "$state" '$u + "?client_id=" + ($c|@uri) + "&redirect_uri=" + ($r|@uri) + "&state=" + ($s|@uri)')
}

handle_callback() {
  local url=$1 state code denied until
  state=$(query_param "$url" state)
  until=${states[$state]:-}
  [[ -n $state ]] && unset "states[$state]"
  if ! has_bug no-state-check && { [[ -z $until ]] || (($(date +%s) > until)); }; then
    error="the callback's state is missing, unknown, expired or already used: refused (CSRF)"
    return 1
  fi
  denied=$(query_param "$url" error)
  [[ -n $denied ]] && { error="the hotelier did not grant access ($denied)"; return 1; }
  code=$(query_param "$url" code)
  [[ -n $code ]] || { error="the callback has no code"; return 1; }
  local grant=code
  has_bug grant-type-authorization-code && grant=authorization_code
  identity "$token_url" /identity/token "redirect_uri=$redirect_uri" "grant_type=$grant" "code=$code" || return 1
  [[ -n $new_refresh ]] || { error="Octorate /identity/token answered without a refresh_token"; return 1; }
  refresh_token=$new_refresh property_token=$token property_renew=$renew_at
  value=null
}

ensure_token() { # kind
  if [[ $1 == apilogin ]]; then
    [[ -n $apilogin_token ]] && (($(date +%s) < apilogin_renew)) && return 0
    identity "$apilogin_url" /identity/apilogin || return 1
    apilogin_token=$token apilogin_renew=$renew_at
  else
    [[ -n $property_token ]] && (($(date +%s) < property_renew)) && return 0
    [[ -n $refresh_token ]] || { error="no property is connected: authorise first"; return 1; }
    if ! identity "$refresh_url" /identity/refresh "refresh_token=$refresh_token"; then
      [[ $error_status == 401 ]] && { refresh_token=""; error="$error; the property must be authorised again"; }
      return 1
    fi
    [[ -n $new_refresh ]] && refresh_token=$new_refresh
    property_token=$token property_renew=$renew_at
  fi
}

api_get() { # kind path
  local kind=$1 path=$2 attempt status bearer
  ensure_token "$kind" || return 1
  for attempt in 1 2; do
    if [[ $kind == apilogin ]]; then bearer=$apilogin_token; else bearer=$property_token; fi
    status=$(curl -sS --max-time 30 -o "$work/body" -w '%{http_code}' -H "Authorization: Bearer $bearer" -H 'Accept: application/json' "$api$path") || status=000
    if [[ $status == 200 ]]; then
      value=$(jq -c . "$work/body" 2>/dev/null) || value=null
      return 0
    fi
    local type
    type=$(jq -r '.type // empty' "$work/body" 2>/dev/null)
    error="Octorate GET $path answered $status ${type:-http_$status}"
    if [[ $status == 401 && $type == ApiKeyInvalid && $attempt == 1 ]] && ! has_bug give-up-on-401; then
      if [[ $kind == apilogin ]]; then apilogin_token=""; else property_token=""; fi
      ensure_token "$kind" || return 1
      continue
    fi
    return 1
  done
  return 1
}

while IFS= read -r line; do
  [[ -z $line ]] && continue
  eval "$(jq -r '@sh "id=\(.id) op=\(.op) arg=\(.args[0] // "" | tostring)"' <<<"$line")"
  value="" error=""
  case $op in
    authorizationUrl) authorization_url ;;
    handleCallback) handle_callback "$arg" ;;
    reservations) api_get property "/reservation/$(jq -rn --arg v "$arg" '$v|@uri')" ;;
    configuration) api_get apilogin /api/configuration ;;
    *) error="unknown operation $op" && false ;;
  esac
  if (($? == 0)) && [[ -n $value ]]; then
    jq -cn --argjson id "$id" --argjson v "$value" '{id:$id, ok:true, value:$v}'
  else
    jq -cn --argjson id "$id" --arg e "${error:-failed}" '{id:$id, ok:false, error:$e}'
  fi
done
