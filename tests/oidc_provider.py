"""An OpenID Connect provider for the tests, run as its own process on loopback
(`python -m tests.oidc_provider PORT`): discovery, JWKS, an authorization page where a test person
is chosen, the token endpoint (authorization code, PKCE S256, each code once) and userinfo. Its ID
tokens carry ACM/IDM's claims. `POST /test/modus` makes the next token go wrong on purpose: for
another audience, or already expired."""

import base64
import hashlib
import secrets
import sys
import time

from authlib.jose import JsonWebKey, jwt
from flask import Flask, abort, jsonify, redirect, render_template_string, request
from werkzeug.serving import make_server

CLIENT_ID, CLIENT_SECRET = "loket", "loket-geheim"
PEOPLE = {
    "els-acm": {"name": "Els Peeters", "email": "els@bakkerij-peeters.be", "rrn": "85073003328",
                "vo_orgcode": "0403170701", "vo_orgnaam": "Bakkerij Peeters NV",
                "vo_rechten": ["WSELoket-vop:0403170701", "WSELoket-im:0403170701"]},
    "tom-acm": {"name": "Tom Janssens", "email": "tom@bakkerij-peeters.be", "vo_orgcode": "0403170701",
                "vo_orgnaam": "Bakkerij Peeters NV", "vo_rechten": []},
}
PAGE = """<!doctype html><html lang="nl"><head><title>Aanmelden bij de Vlaamse overheid (test)</title></head>
<body><main><h1>Aanmelden bij de Vlaamse overheid (test)</h1>
<form method="post">{% for key, value in params.items() %}<input type="hidden" name="{{ key }}" value="{{ value }}">{% endfor %}
{% for subject, person in people.items() %}<button type="submit" name="persoon" value="{{ subject }}">Aanmelden als {{ person.name }}</button>{% endfor %}
</form></main></body></html>"""


def create(base: str) -> Flask:
    app = Flask(__name__)
    key = JsonWebKey.generate_key("RSA", 2048, is_private=True, options={"kid": "test-1"})
    codes, tokens, mode = {}, {}, {"next": "normaal"}

    @app.get("/.well-known/openid-configuration")
    def discovery():
        return jsonify(issuer=base, authorization_endpoint=f"{base}/authorize", token_endpoint=f"{base}/token",
                       userinfo_endpoint=f"{base}/userinfo", jwks_uri=f"{base}/jwks",
                       response_types_supported=["code"], subject_types_supported=["public"],
                       id_token_signing_alg_values_supported=["RS256"], code_challenge_methods_supported=["S256"],
                       token_endpoint_auth_methods_supported=["client_secret_basic", "client_secret_post"],
                       scopes_supported=["openid", "profile", "vo"])

    @app.get("/jwks")
    def jwks():
        return jsonify(keys=[key.as_dict(is_private=False, kid="test-1", alg="RS256", use="sig")])

    @app.route("/authorize", methods=["GET", "POST"])
    def authorize():
        params = request.values.to_dict()
        if params.get("client_id") != CLIENT_ID or params.get("response_type") != "code":
            abort(400)
        if params.get("code_challenge_method") != "S256" or not params.get("code_challenge"):
            abort(400)  # PKCE is required
        if request.method == "GET":
            return render_template_string(PAGE, params=params, people=PEOPLE)
        code = secrets.token_urlsafe(16)
        codes[code] = {"subject": params["persoon"], "nonce": params.get("nonce"),
                       "challenge": params["code_challenge"], "redirect_uri": params["redirect_uri"]}
        return redirect(f"{params['redirect_uri']}?code={code}&state={params.get('state', '')}")

    @app.post("/token")
    def token():
        auth = request.authorization
        client = (auth.username, auth.password) if auth else (request.form.get("client_id"), request.form.get("client_secret"))
        if client != (CLIENT_ID, CLIENT_SECRET):
            return jsonify(error="invalid_client"), 401
        grant = codes.pop(request.form.get("code", ""), None)  # a code is used once
        if grant is None or grant["redirect_uri"] != request.form.get("redirect_uri"):
            return jsonify(error="invalid_grant", error_description="code unknown or already used"), 400
        verifier = request.form.get("code_verifier", "")
        digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if digest != grant["challenge"]:
            return jsonify(error="invalid_grant", error_description="PKCE"), 400
        now = int(time.time())
        person = PEOPLE[grant["subject"]]
        claims = {"iss": base, "sub": grant["subject"], "aud": CLIENT_ID, "iat": now, "exp": now + 300,
                  "nonce": grant["nonce"], "acr": "high", **person}
        if mode["next"] == "ander-publiek":
            claims["aud"], claims["azp"] = "een-andere-toepassing", CLIENT_ID  # azp alone must not do
        if mode["next"] == "verlopen":
            claims["iat"], claims["exp"] = now - 7200, now - 3600
        if mode["next"] == "andere-nonce":
            claims["nonce"] = secrets.token_urlsafe(16)  # a token minted for another login attempt
        mode["next"] = "normaal"
        access = secrets.token_urlsafe(16)
        tokens[access] = {"sub": grant["subject"], **person}
        id_token = jwt.encode({"alg": "RS256", "kid": "test-1"}, claims, key).decode()
        return jsonify(access_token=access, token_type="Bearer", expires_in=300, id_token=id_token, scope="openid profile vo")

    @app.get("/userinfo")
    def userinfo():
        found = tokens.get(request.headers.get("Authorization", "").removeprefix("Bearer "))
        return jsonify(found) if found else (jsonify(error="invalid_token"), 401)

    @app.post("/test/modus")
    def set_mode():
        mode["next"] = request.form["modus"]
        return "", 204

    return app


def main() -> None:
    port = int(sys.argv[1])
    base = f"http://127.0.0.1:{port}"
    server = make_server("127.0.0.1", port, create(base), threaded=True)
    print("klaar", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
