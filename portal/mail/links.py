"""Links in e-mail: absolute, built from PUBLIC_URL and the app's own routes, never from a request.

Mail is rendered in jobs as well as in requests (a staff action), so the host a request came in on
means nothing to the recipient; PUBLIC_URL is where applicants reach the portal.
"""

from urllib.parse import urlsplit

from flask import current_app


def public_url(endpoint: str, **values) -> str:
    """The absolute URL of `endpoint` under PUBLIC_URL (which may carry a path prefix)."""
    base = urlsplit(current_app.config["PUBLIC_URL"].rstrip("/"))
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme)
    return adapter.build(endpoint, values, force_external=True)
