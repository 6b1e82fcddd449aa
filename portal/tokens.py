"""Random tokens handed out once (a login's cookie, the employee's signing link) and kept only as
a digest: the table alone does not let anyone use them."""

import hashlib
import secrets


def new_token() -> str:
    return secrets.token_urlsafe(32)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
