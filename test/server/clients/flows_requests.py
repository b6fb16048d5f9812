"""The same two flows with `requests`, unmodified: the proxy and the CA come from HTTPS_PROXY / REQUESTS_CA_BUNDLE only."""
import json
import os
import sys
from urllib.parse import parse_qs, urlsplit

import requests

env = os.environ


def check(response):
    if not response.ok:
        sys.exit("%s answered %s: %s" % (response.url, response.status_code, response.text))
    return response


token = check(requests.post(
    "https://receiver-authz-test.service-flow.com/oauth2/token",
    data={"grant_type": "client_credentials", "client_id": env["ONEIO_CLIENT_ID"], "client_secret": env["ONEIO_CLIENT_SECRET"]},
    timeout=20,
)).json()
receipt = check(requests.post(
    "https://rest-receiver-test.service-flow.com/api/v2",
    json={"id": "requests"},
    headers={"Authorization": "Bearer " + token["access_token"]},
    timeout=20,
))

approval = check(requests.post(
    env["DOUBLES_ADMIN_URL"] + "/providers/octorate/authorize",
    json={"clientId": env["OCTORATE_CLIENT_ID"], "redirectUri": env["OCTORATE_REDIRECT_URI"], "state": "requests"},
    timeout=20,
)).json()
code = parse_qs(urlsplit(approval["redirectUrl"]).query)["code"][0]
tokens = check(requests.post(
    "https://api.octorate.com/connect/rest/v1/identity/token",
    data={
        "client_id": env["OCTORATE_CLIENT_ID"],
        "client_secret": env["OCTORATE_CLIENT_SECRET"],
        "redirect_uri": env["OCTORATE_REDIRECT_URI"],
        "grant_type": "code",
        "code": code,
    },
    timeout=20,
)).json()
accommodations = check(requests.get(
    "https://api.octorate.com/connect/rest/v1/accommodation",
    headers={"Authorization": "Bearer " + tokens["access_token"]},
    timeout=20,
)).json()

print(json.dumps({
    "oneio": {"expires_in": token["expires_in"], "receiver_status": receipt.status_code, "receipt": receipt.json()},
    "octorate": {"expireDate": tokens["expireDate"], "accommodations": [a["id"] for a in accommodations]},
}))
