#!/usr/bin/env bash
# A ONEiO REST-receiver client in shell (bash, curl, jq), run by `oauth-doubles verify --command`.
#
# It speaks oauth-doubles' command protocol 1: settings on the first stdin line, then one JSON operation per
# line ({"id":1,"op":"deliver","args":[message]}), one JSON answer per line on stdout. Logs go to stderr.
# What it does, and why (ONEiO's inbound OAuth 2.0 document): the token is a form POST of exactly
# grant_type, client_id and client_secret (the secret is piped to curl, never on a command line or in a URL),
# kept until 60 s before expires_in runs out; a delivery is a JSON POST with the Bearer token; a 401 gets one
# new token and one retry; 429 waits Retry-After; 502/503/504 wait Retry-After or 1, 2, 4 s; at most 4
# attempts; waits over 300 s and answers that are not a JSON Bearer token are refused; every request times
# out after 30 s. ONEIO_BUGS (comma-separated) switches deliberate bugs on, for the contract tests.
set -u

read -r first || exit 0
eval "$(jq -r '.settings | @sh "token_url=\(.tokenUrl) receiver_url=\(.receiverUrl) client_id=\(.clientId) client_secret=\(.clientSecret)"' <<<"$first")"
bugs=",${ONEIO_BUGS:-},"
has_bug() { [[ $bugs == *",$1,"* ]]; }

work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
token="" renew_at=0

# request URL [curl options…]: sets status, content_type, retry_after and leaves the body in $work/body.
request() {
  local url=$1
  shift
  local out
  out=$(curl -sS --max-time 30 -o "$work/body" -D "$work/headers" -w '%{http_code} %{content_type}' "$@" "$url") || out="000 "
  status=${out%% *}
  content_type=${out#* }
  retry_after=$(tr -d '\r' <"$work/headers" 2>/dev/null | awk -F': *' 'tolower($1)=="retry-after"{print $2; exit}')
}

refusal() { # what, as a message
  local code
  code=$(jq -r 'if type=="object" and .error then .error + (if .error_description then ": " + .error_description else "" end) else empty end' "$work/body" 2>/dev/null)
  echo "ONEiO $1 answered $status ${code:-http_$status}"
}

# wait_before attempt: sleeps before a retry; fails when the wait is too long.
wait_before() {
  local wait
  if [[ $retry_after =~ ^[0-9]+$ ]]; then wait=$retry_after; else wait=$((1 << ($1 - 1))); fi
  has_bug retry-at-once && wait=0
  ((wait > 300)) && { error="$error; asked to wait ${wait} s, more than 300 s"; return 1; }
  sleep "$wait"
}

retryable() { [[ $status == 429 || $status == 502 || $status == 503 || $status == 504 ]]; }

new_token() {
  local attempt
  for attempt in 1 2 3 4; do
    if has_bug json-token; then
      request "$token_url" -H 'Content-Type: application/json' -H 'Accept: application/json' \
        --data-binary "$(jq -cn --arg id "$client_id" --arg s "$client_secret" '{grant_type:"client_credentials",client_id:$id,client_secret:$s}')"
    else
      request "$token_url" -H 'Accept: application/json' --data-urlencode grant_type=client_credentials \
        --data-urlencode "client_id=$client_id" --data-urlencode "client_secret@$work/secret"
    fi
    if [[ $status == 200 ]]; then
      [[ $content_type == *json* ]] || { error="ONEiO token endpoint answered ${content_type:-no Content-Type}, not a JSON token"; return 1; }
      local lifetime
      lifetime=$(jq -r 'if (.access_token|type)=="string" and .access_token!="" and ((.token_type // "")|ascii_downcase)=="bearer" and (.expires_in|type)=="number" and .expires_in>0 then .expires_in|floor else empty end' "$work/body" 2>/dev/null)
      [[ -n $lifetime ]] || { error="ONEiO token endpoint answered $status without a Bearer access_token and a positive expires_in"; return 1; }
      token=$(jq -r .access_token "$work/body")
      local margin=$((lifetime / 2 < 60 ? lifetime / 2 : 60))
      if has_bug ignore-expiry; then renew_at=9999999999; else renew_at=$(($(date +%s) + lifetime - margin)); fi
      return 0
    fi
    error=$(refusal "token endpoint")
    retryable && ((attempt < 4)) || return 1
    wait_before "$attempt" || return 1
  done
}
printf '%s' "$client_secret" >"$work/secret"

deliver() { # message JSON → sets value or error
  local message=$1 attempt renewed=0
  for attempt in 1 2 3 4; do
    if [[ -z $token ]] || (($(date +%s) >= renew_at)); then new_token || return 1; fi
    request "$receiver_url" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -H 'Accept: application/json' --data-binary "$message"
    if [[ $status == 2* ]]; then
      value=$(jq -c --argjson s "$status" --argjson a "$attempt" '{status:$s, body:., attempts:$a}' "$work/body" 2>/dev/null) ||
        value=$(jq -cn --argjson s "$status" --argjson a "$attempt" '{status:$s, body:null, attempts:$a}')
      return 0
    fi
    if [[ $status == 401 ]] && ((renewed == 0)) && ! has_bug give-up-on-401; then
      renewed=1 token=""
      continue
    fi
    error=$(refusal receiver)
    retryable && ((attempt < 4)) || return 1
    wait_before "$attempt" || return 1
  done
  return 1
}

while IFS= read -r line; do
  [[ -z $line ]] && continue
  eval "$(jq -r '@sh "id=\(.id) op=\(.op) message=\(.args[0] // null | tojson)"' <<<"$line")"
  value="" error=""
  if [[ $op == deliver ]] && deliver "$message"; then
    jq -cn --argjson id "$id" --argjson v "$value" '{id:$id, ok:true, value:$v}'
  else
    [[ $op == deliver ]] || error="unknown operation $op"
    jq -cn --argjson id "$id" --arg e "$error" '{id:$id, ok:false, error:$e}'
  fi
done
