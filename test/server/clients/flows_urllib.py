"""ONEiO's token + receiver flow and Octorate's code flow on the real https:// URLs, with Python's standard library only.

The proxy and the CA are given explicitly (a ProxyHandler and an SSL context from the CA file), as a client that
configures its own opener would. Settings come from the environment; the outcome is printed as one JSON line.
"""
import json
import os
import ssl
import sys
import urllib.error
import urllib.parse
import urllib.request

env = os.environ
proxy = env["DOUBLES_PROXY"]
opener = urllib.request.build_opener(
    urllib.request.ProxyHandler({"http": proxy, "https": proxy}),
    urllib.request.HTTPSHandler(context=ssl.create_default_context(cafile=env["DOUBLES_CA_FILE"])),
)


def call(url, form=None, json_body=None, token=None):
    headers = {}
    data = None
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if json_body is not None:
        data = json.dumps(json_body).encode()
        headers["Content-Type"] = "application/json"
    if token is not None:
        headers["Authorization"] = "Bearer " + token
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        with opener.open(request, timeout=20) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        sys.exit("%s answered %s: %s" % (url, error.code, error.read().decode(errors="replace")))


_, token = call(
    "https://receiver-authz-test.service-flow.com/oauth2/token",
    form={"grant_type": "client_credentials", "client_id": env["ONEIO_CLIENT_ID"], "client_secret": env["ONEIO_CLIENT_SECRET"]},
)
receiver_status, receipt = call("https://rest-receiver-test.service-flow.com/api/v2", json_body={"id": "urllib"}, token=token["access_token"])

# Octorate: the hotelier's approval is given through the fake's admin API, then the code is exchanged as in production.
_, approval = call(
    env["DOUBLES_ADMIN_URL"] + "/providers/octorate/authorize",
    json_body={"clientId": env["OCTORATE_CLIENT_ID"], "redirectUri": env["OCTORATE_REDIRECT_URI"], "state": "urllib"},
)
code = urllib.parse.parse_qs(urllib.parse.urlsplit(approval["redirectUrl"]).query)["code"][0]
_, tokens = call(
    "https://api.octorate.com/connect/rest/v1/identity/token",
    form={
        "client_id": env["OCTORATE_CLIENT_ID"],
        "client_secret": env["OCTORATE_CLIENT_SECRET"],
        "redirect_uri": env["OCTORATE_REDIRECT_URI"],
        "grant_type": "code",
        "code": code,
    },
)
_, accommodations = call("https://api.octorate.com/connect/rest/v1/accommodation", token=tokens["access_token"])

print(json.dumps({
    "oneio": {"expires_in": token["expires_in"], "receiver_status": receiver_status, "receipt": receipt},
    "octorate": {"expireDate": tokens["expireDate"], "accommodations": [a["id"] for a in accommodations]},
}))
