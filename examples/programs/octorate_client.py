#!/usr/bin/env python3
"""An Octorate client in Python (standard library only), run by `oauth-doubles verify --command`.

The client part (OctorateClient) is what a web application would ship; the bottom of the file speaks
oauth-doubles' command protocol 1 (settings on the first stdin line, one JSON operation per line, one JSON
answer per line) with the operations authorizationUrl, handleCallback, reservations and configuration.

What the client does, and why (Octorate's OAuth flows):
- authorization_url(): a fresh random state per authorisation, single use, forgotten after 10 minutes.
- handle_callback(url): refuses a missing, unknown or used state before anything else (CSRF), reports an
  error (access denied), then exchanges the code at once: /identity/token with grant_type=code (literally
  "code") and the very redirect_uri of the authorisation.
- Identity calls are POST application/x-www-form-urlencoded bodies (the secret holds '+', '/', '='), never JSON.
- Token answers carry no expires_in: the expiry is read from expireDate (Java's "…Z[UTC]" suffix stripped),
  and a token is renewed 60 s before it. The refresh token does not expire: it is kept (a new one in a refresh
  answer replaces it) and used at /identity/refresh.
- Property calls use the property token; API operations (configuration) the apilogin token.
- 401 ApiKeyInvalid: forget the token, renew once, retry once. 403 ApiQuotaException is reported at once.
OCTORATE_BUGS (comma-separated) switches deliberate bugs on, for the contract tests.
"""
import datetime
import json
import os
import secrets
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


class OctorateError(Exception):
    def __init__(self, message, kind, status=None):
        super().__init__(message)
        self.kind, self.status = kind, status


def parse_expire_date(value):
    if not isinstance(value, str):
        raise ValueError(f"expireDate {value!r} is not a date")
    text = value.split("[", 1)[0].replace("Z", "+00:00")
    return datetime.datetime.fromisoformat(text).timestamp()


class OctorateClient:
    def __init__(self, settings, bugs=()):
        self.s = settings
        self.bugs = set(bugs)
        self.states = {}
        self.refresh_token = None
        self.tokens = {"property": None, "apilogin": None}  # kind -> (value, renew_at)
        self.timeout = 30

    def _call(self, method, url, body=None, headers=None):
        request = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    @staticmethod
    def _refusal(what, status, raw):
        kind, detail = f"http_{status}", ""
        try:
            body = json.loads(raw)
            kind = body.get("type") or kind
            detail = f": {body['message']}" if body.get("message") else ""
        except (ValueError, AttributeError):
            pass
        return OctorateError(f"Octorate {what} answered {status} {kind}{detail}", kind, status)

    def authorization_url(self):
        now = time.time()
        self.states = {s: until for s, until in self.states.items() if until >= now}
        state = "fixed-state" if "fixed-state" in self.bugs else secrets.token_urlsafe(32)
        self.states[state] = now + 600
        query = urllib.parse.urlencode({"client_id": self.s["clientId"], "redirect_uri": self.s["redirectUri"], "state": state})
        return f"{self.s['authorizeUrl']}?{query}"

    def handle_callback(self, callback_url):
        params = urllib.parse.parse_qs(urllib.parse.urlsplit(callback_url).query)
        state = params.get("state", [None])[0]
        until = self.states.pop(state, None) if state is not None else None
        if "no-state-check" not in self.bugs and (until is None or time.time() > until):
            raise OctorateError("the callback's state is missing, unknown, expired or already used: refused (CSRF)", "state_mismatch")
        if params.get("error"):
            raise OctorateError(f"the hotelier did not grant access ({params['error'][0]})", params["error"][0])
        code = params.get("code", [None])[0]
        if not code:
            raise OctorateError("the callback has no code", "invalid_callback")
        grant = "authorization_code" if "grant-type-authorization-code" in self.bugs else "code"
        fields = {"client_id": self.s["clientId"], "client_secret": self.s["clientSecret"], "redirect_uri": self.s["redirectUri"], "grant_type": grant, "code": code}
        token, refresh = self._identity(self.s["tokenUrl"], fields, "/identity/token")
        if not refresh:
            raise OctorateError("Octorate /identity/token answered without a refresh_token", "invalid_token_response", 200)
        self.refresh_token = refresh
        self.tokens["property"] = token
        return None

    def _identity(self, url, fields, what):
        status, raw = self._call("POST", url, urllib.parse.urlencode(fields).encode(), {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"})
        if status != 200:
            raise self._refusal(what, status, raw)
        try:
            body = json.loads(raw)
            value = body["access_token"]
            if not isinstance(value, str) or not value:
                raise KeyError("access_token")
        except (ValueError, KeyError, TypeError):
            raise OctorateError(f"Octorate {what} answered {status} without an access_token", "invalid_token_response", status)
        if "fixed-lifetime" in self.bugs:
            expires_at = time.time() + 24 * 3600
        else:
            try:
                expires_at = parse_expire_date(body.get("expireDate"))
            except ValueError:
                raise OctorateError(f"Octorate {what} answered expireDate {body.get('expireDate')!r}", "invalid_token_response", status)
        lifetime = max(0.0, expires_at - time.time())
        refresh = body.get("refresh_token") if isinstance(body.get("refresh_token"), str) and body.get("refresh_token") else None
        return (value, expires_at - min(60, lifetime / 2)), refresh

    def _token(self, kind):
        current = self.tokens[kind]
        if current and time.time() < current[1]:
            return current[0]
        if kind == "apilogin":
            token, _ = self._identity(self.s["apiLoginUrl"], {"client_id": self.s["clientId"], "client_secret": self.s["clientSecret"]}, "/identity/apilogin")
        else:
            if not self.refresh_token:
                raise OctorateError("no property is connected: authorise first", "authorization_required")
            fields = {"client_id": self.s["clientId"], "client_secret": self.s["clientSecret"], "refresh_token": self.refresh_token}
            try:
                token, refresh = self._identity(self.s["refreshUrl"], fields, "/identity/refresh")
            except OctorateError as error:
                if error.status == 401:
                    self.refresh_token = None
                    raise OctorateError(f"{error}; the property must be authorised again", "authorization_required", 401)
                raise
            if refresh:
                self.refresh_token = refresh
        self.tokens[kind] = token
        return token[0]

    def _get(self, kind, path):
        token = self._token(kind)
        for attempt in (1, 2):
            status, raw = self._call("GET", f"{self.s['apiBaseUrl']}{path}", headers={"Authorization": f"Bearer {token}", "Accept": "application/json"})
            if status == 200:
                return json.loads(raw) if raw else None
            error = self._refusal(f"GET {path}", status, raw)
            if status != 401 or error.kind != "ApiKeyInvalid" or attempt > 1 or "give-up-on-401" in self.bugs:
                raise error
            self.tokens[kind] = None
            token = self._token(kind)

    def reservations(self, property_id):
        return self._get("property", f"/reservation/{urllib.parse.quote(str(property_id), safe='')}")

    def configuration(self):
        return self._get("apilogin", "/api/configuration")


def main():
    settings = json.loads(sys.stdin.readline())["settings"]
    client = OctorateClient(settings, [b for b in os.environ.get("OCTORATE_BUGS", "").split(",") if b])
    operations = {
        "authorizationUrl": client.authorization_url,
        "handleCallback": client.handle_callback,
        "reservations": client.reservations,
        "configuration": client.configuration,
    }
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            operation = operations.get(request["op"])
            if operation is None:
                raise OctorateError(f"unknown operation {request['op']}", "unknown_operation")
            answer = {"id": request["id"], "ok": True, "value": operation(*request["args"])}
        except Exception as error:  # every failure is the operation's answer, never a crash
            answer = {"id": request["id"], "ok": False, "error": str(error)}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
