#!/usr/bin/env python3
"""A ONEiO REST-receiver client in Python (standard library only), run by `oauth-doubles verify --command`.

The client part (OneioClient) is what a service would ship; the bottom of the file speaks oauth-doubles'
command protocol 1: settings on the first stdin line, one JSON operation per line, one JSON answer per line.

What the client does, and why (ONEiO's inbound OAuth 2.0 document):
- token: POST application/x-www-form-urlencoded with exactly grant_type=client_credentials, client_id and
  client_secret (the password may hold '+', '&', '='), never in the URL; kept until 60 s before expires_in
  runs out (ONEiO: 3599 s); the answer must be JSON with access_token, token_type Bearer, expires_in > 0.
- delivery: POST the message as JSON with "Authorization: Bearer <token>".
- 401: a new token and one retry; 429: wait Retry-After; 502/503/504: Retry-After or back off 1, 2, 4 s;
  at most 4 attempts, waits longer than 300 s refused; every request times out after 30 s.
"""
import email.utils
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

RETRYABLE = {429, 502, 503, 504}


class OneioError(Exception):
    def __init__(self, message, status=None, retry_after=None):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after

    @property
    def retryable(self):
        return self.status in RETRYABLE


def retry_after_seconds(value):
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return int(value)
    try:
        return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


class OneioClient:
    def __init__(self, token_url, receiver_url, client_id, client_secret, bugs=()):
        self.token_url, self.receiver_url = token_url, receiver_url
        self.client_id, self.client_secret = client_id, client_secret
        self.bugs = set(bugs)
        self.token, self.renew_at = None, 0.0
        self.max_attempts, self.max_wait, self.timeout = 4, 300, 30

    def _post(self, url, body, headers):
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def _refusal(self, what, status, headers, raw):
        code = f"http_{status}"
        try:
            body = json.loads(raw)
            code = body.get("error", code) + (f": {body['error_description']}" if body.get("error_description") else "")
        except (ValueError, AttributeError):
            pass
        return OneioError(f"ONEiO {what} answered {status} {code}", status, retry_after_seconds(headers.get("Retry-After")))

    def _request_token(self):
        fields = {"grant_type": "client_credentials", "client_id": self.client_id, "client_secret": self.client_secret}
        if "json-token" in self.bugs:
            body, kind = json.dumps(fields).encode(), "application/json"
        else:
            body, kind = urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded"
        status, headers, raw = self._post(self.token_url, body, {"Content-Type": kind, "Accept": "application/json"})
        if status != 200:
            raise self._refusal("token endpoint", status, headers, raw)
        if "json" not in (headers.get("Content-Type") or ""):
            raise OneioError(f"ONEiO token endpoint answered {headers.get('Content-Type')}, not a JSON token", status)
        try:
            answer = json.loads(raw)
        except ValueError:
            raise OneioError("ONEiO token endpoint answered a body that is not JSON", status)
        lifetime = answer.get("expires_in")
        if not answer.get("access_token") or str(answer.get("token_type", "")).lower() != "bearer":
            raise OneioError("ONEiO token endpoint answered without a Bearer access_token", status)
        if not isinstance(lifetime, (int, float)) or lifetime <= 0:
            raise OneioError(f"ONEiO token endpoint answered expires_in {lifetime!r}", status)
        self.token = answer["access_token"]
        margin = 0 if "ignore-expiry" in self.bugs else min(60, lifetime / 2)
        self.renew_at = float("inf") if "ignore-expiry" in self.bugs else time.time() + lifetime - margin
        return self.token

    def _pause(self, error, attempt):
        wait = error.retry_after if error.retry_after is not None else 2 ** (attempt - 1)
        if "retry-at-once" in self.bugs:
            wait = 0
        if wait > self.max_wait:
            raise OneioError(f"{error}; asked to wait {wait:.0f} s, more than {self.max_wait} s", error.status)
        time.sleep(wait)

    def _with_retries(self, step):
        for attempt in range(1, self.max_attempts + 1):
            try:
                return step()
            except OneioError as error:
                if not error.retryable or attempt >= self.max_attempts:
                    raise
                self._pause(error, attempt)

    def access_token(self):
        if self.token and time.time() < self.renew_at:
            return self.token
        return self._with_retries(self._request_token)

    def deliver(self, message):
        body = json.dumps(message).encode()
        renewed = False
        for attempt in range(1, self.max_attempts + 1):
            token = self.access_token()
            headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Accept": "application/json"}
            status, response_headers, raw = self._post(self.receiver_url, body, headers)
            if 200 <= status < 300:
                try:
                    return {"status": status, "body": json.loads(raw) if raw else None, "attempts": attempt}
                except ValueError:
                    return {"status": status, "body": raw.decode("utf-8", "replace"), "attempts": attempt}
            if status == 401 and not renewed and "give-up-on-401" not in self.bugs:
                renewed = True
                self.token = None
                continue
            error = self._refusal("receiver", status, response_headers, raw)
            if not error.retryable or attempt >= self.max_attempts:
                raise error
            self._pause(error, attempt)
        raise OneioError("ONEiO receiver: gave up")


def main():
    first = json.loads(sys.stdin.readline())
    settings = first["settings"]
    bugs = [b for b in os.environ.get("ONEIO_BUGS", "").split(",") if b]
    client = OneioClient(settings["tokenUrl"], settings["receiverUrl"], settings["clientId"], settings["clientSecret"], bugs)
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            if request["op"] != "deliver":
                raise OneioError(f"unknown operation {request['op']}")
            answer = {"id": request["id"], "ok": True, "value": client.deliver(*request["args"])}
        except Exception as error:  # every failure is the operation's answer, never a crash
            answer = {"id": request["id"], "ok": False, "error": str(error)}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
