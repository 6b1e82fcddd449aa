"""Configuration, read only from environment variables, with safe development defaults."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INSTANCE = PROJECT_ROOT / "instance"


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def database_url(raw: str | None, instance_dir: Path) -> str:
    """Normalise DATABASE_URL; PostgreSQL goes through psycopg 3, the driver we install."""
    if not raw:
        return f"sqlite:///{instance_dir / 'loket.sqlite'}"
    for prefix in ("postgres://", "postgresql://"):
        if raw.startswith(prefix):
            return "postgresql+psycopg://" + raw[len(prefix):]
    return raw


def development_url() -> str:
    """Where `make run` serves (HOST and PORT), so links in e-mail lead there."""
    host = os.environ.get("HOST", "127.0.0.1")
    if host in ("0.0.0.0", "::", ""):
        host = "127.0.0.1"
    return f"http://{host}:{os.environ.get('PORT', '5000')}"


def from_environment() -> dict:
    """Every setting the portal reads; the README lists the same variables."""
    instance_dir = Path(os.environ.get("LOKET_INSTANCE_DIR", DEFAULT_INSTANCE))
    production = os.environ.get("LOKET_ENV", "development") == "production"
    return {
        "LOKET_ENV": "production" if production else "development",
        "INSTANCE_DIR": str(instance_dir),
        "SECRET_KEY": os.environ.get("SECRET_KEY"),
        "SQLALCHEMY_DATABASE_URI": database_url(os.environ.get("DATABASE_URL"), instance_dir),
        "REDIS_URL": os.environ.get("REDIS_URL") or None,
        "UPLOAD_DIR": os.environ.get("UPLOAD_DIR", str(instance_dir / "uploads")),
        # "local" (UPLOAD_DIR) or "s3" (an S3-compatible bucket, shared by several machines).
        "STORAGE_BACKEND": os.environ.get("STORAGE_BACKEND", "local"),
        "S3_BUCKET": os.environ.get("S3_BUCKET", ""),
        "S3_ENDPOINT_URL": os.environ.get("S3_ENDPOINT_URL", ""),
        "S3_REGION": os.environ.get("S3_REGION", ""),
        "MAIL_SINK_DIR": os.environ.get("MAIL_SINK_DIR", "" if production else str(instance_dir / "mailsink")),
        "SMTP_HOST": os.environ.get("SMTP_HOST", "127.0.0.1"),
        "SMTP_PORT": int(os.environ.get("SMTP_PORT", "8025")),
        "SMTP_USER": os.environ.get("SMTP_USER") or None,
        "SMTP_PASSWORD": os.environ.get("SMTP_PASSWORD") or None,
        "SMTP_STARTTLS": _bool("SMTP_STARTTLS", False),
        "SMTP_TIMEOUT": float(os.environ.get("SMTP_TIMEOUT", "20")),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "WSE-loket <noreply@loket.test>"),
        # Delivery in batches (portal/mail/delivery.py) and the provider's limits (portal/mail/rate.py).
        "MAIL_BATCH_SIZE": int(os.environ.get("MAIL_BATCH_SIZE", "100")),
        "MAIL_MESSAGES_PER_CONNECTION": int(os.environ.get("MAIL_MESSAGES_PER_CONNECTION", "100")),
        "MAIL_RATE_PER_SECOND": int(os.environ.get("MAIL_RATE_PER_SECOND", "0")),
        "MAIL_RATE_WINDOW_MESSAGES": int(os.environ.get("MAIL_RATE_WINDOW_MESSAGES", "0")),
        "MAIL_RATE_WINDOW_SECONDS": int(os.environ.get("MAIL_RATE_WINDOW_SECONDS", "3600")),
        "MAIL_MAX_ATTEMPTS": int(os.environ.get("MAIL_MAX_ATTEMPTS", "6")),
        # A campaign pauses itself when more than this share of its messages was refused.
        "CAMPAIGN_MAX_FAILURE_RATE": float(os.environ.get("CAMPAIGN_MAX_FAILURE_RATE", "0.2")),
        "MAIL_DIGEST_TO": os.environ.get("MAIL_DIGEST_TO", ""),
        # A row a dead worker left `sending` is due again after this many seconds.
        "MAIL_SENDING_LEASE": int(os.environ.get("MAIL_SENDING_LEASE", "60")),
        # Where applicants reach the portal: links in e-mail are built from it, never from a request.
        "PUBLIC_URL": os.environ.get("PUBLIC_URL", "" if production else development_url()),
        "LOG_FORMAT": os.environ.get("LOG_FORMAT", "json" if production else "text"),
        "LOG_REQUESTS": os.environ.get("LOG_REQUESTS", "1") != "0",
        "AUTH_PROVIDER": os.environ.get("AUTH_PROVIDER", "demo"),
        "OIDC_METADATA_URL": os.environ.get("OIDC_METADATA_URL", ""),
        "OIDC_CLIENT_ID": os.environ.get("OIDC_CLIENT_ID", ""),
        "OIDC_CLIENT_SECRET": os.environ.get("OIDC_CLIENT_SECRET", ""),
        # Which ID-token claims carry the enterprise (KBO number), its name and the rights per measure.
        "OIDC_CLAIM_ENTERPRISE": os.environ.get("OIDC_CLAIM_ENTERPRISE", "vo_orgcode"),
        "OIDC_CLAIM_ENTERPRISE_NAME": os.environ.get("OIDC_CLAIM_ENTERPRISE_NAME", "vo_orgnaam"),
        "OIDC_CLAIM_RIGHTS": os.environ.get("OIDC_CLAIM_RIGHTS", "vo_rechten"),
        "OIDC_RIGHTS_PREFIX": os.environ.get("OIDC_RIGHTS_PREFIX", "WSELoket-"),
        # Proxies in front that set X-Forwarded-For/-Proto/-Host (0: none; the client address is then
        # the connection's, which the rate limits and the login lockout count by).
        "PROXY_FIX_HOPS": int(os.environ.get("PROXY_FIX_HOPS", "0")),
        "RATELIMIT_LOGIN": os.environ.get("RATELIMIT_LOGIN", "10 per minute;40 per hour"),
        "RATELIMIT_LOGIN_PER_ADDRESS": os.environ.get("RATELIMIT_LOGIN_PER_ADDRESS", "60 per minute"),
        "RATELIMIT_UPLOAD": os.environ.get("RATELIMIT_UPLOAD", "200 per minute"),
        "RATELIMIT_UPLOAD_PER_ADDRESS": os.environ.get("RATELIMIT_UPLOAD_PER_ADDRESS", "1000 per minute"),
        "RATELIMIT_SUBMIT": os.environ.get("RATELIMIT_SUBMIT", "10 per minute"),
        "RATELIMIT_SUBMIT_PER_ADDRESS": os.environ.get("RATELIMIT_SUBMIT_PER_ADDRESS", "60 per minute"),
        "RATELIMIT_CAMPAIGN": os.environ.get("RATELIMIT_CAMPAIGN", "5 per hour"),
        "RATELIMIT_CAMPAIGN_PER_ADDRESS": os.environ.get("RATELIMIT_CAMPAIGN_PER_ADDRESS", "20 per hour"),
        # A login ends after this many minutes without a request (the page says when, and warns).
        "SESSION_IDLE_MINUTES": int(os.environ.get("SESSION_IDLE_MINUTES", "30")),
        "SESSION_WARN_MINUTES": int(os.environ.get("SESSION_WARN_MINUTES", "5")),
        # The department's account the payment runs are paid from (the debtor of the SEPA file).
        "PAYMENT_DEBTOR_NAME": os.environ.get("PAYMENT_DEBTOR_NAME", "Departement Werk en Sociale Economie"),
        "PAYMENT_DEBTOR_IBAN": os.environ.get("PAYMENT_DEBTOR_IBAN", "BE68539007547034"),
        "PAYMENT_DEBTOR_BIC": os.environ.get("PAYMENT_DEBTOR_BIC", "GKCCBEBB"),
        # clamd's Unix socket: uploads are scanned for viruses when set (INSTREAM), not otherwise.
        "CLAMD_SOCKET": os.environ.get("CLAMD_SOCKET") or None,
        "CLAMD_TIMEOUT": float(os.environ.get("CLAMD_TIMEOUT", "30")),
        # Drafts never submitted are removed this many days after their last change, the reminder
        # going out DRAFT_REMINDER_DAYS before (portal/services/applications/retention.py).
        "DRAFT_RETENTION_DAYS": int(os.environ.get("DRAFT_RETENTION_DAYS", "180")),
        "DRAFT_REMINDER_DAYS": int(os.environ.get("DRAFT_REMINDER_DAYS", "14")),
        # The employee's link to co-sign a WOP evaluation (seed 004) works this many days, once.
        "WOP_SIGN_LINK_DAYS": int(os.environ.get("WOP_SIGN_LINK_DAYS", "14")),
        "SESSION_COOKIE_SECURE": production,
        "SESSION_COOKIE_NAME": "__Host-session" if production else "loket_session",
        "PREFERRED_URL_SCHEME": "https" if production else "http",
    }


# Settings that are not environment dependent.
STATIC_SETTINGS = {
    # No pool_pre_ping: portal/database.py pings only connections that lay idle.
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    # A wizard page may stay open for hours: the token lives as long as the session.
    "WTF_CSRF_TIME_LIMIT": None,
    # Uploads are at most 4 MB (seed 002); a little headroom for the multipart envelope.
    # Larger than a document may be, so a too-large file gets its message next to the field.
    "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
    "MAX_UPLOAD_BYTES": 4 * 1024 * 1024,
    "TEMPLATES_AUTO_RELOAD": None,
    # Login lockout (portal/auth/throttle.py): this many failed logins for one login name, or from
    # one address (broader: colleagues share an office's address), within the window, and further
    # attempts are refused until the window ends.
    "LOGIN_MAX_FAILURES": 5,
    "LOGIN_MAX_FAILURES_PER_ADDRESS": 30,
    "LOGIN_LOCK_SECONDS": 15 * 60,
    # A delivery job stops claiming new batches after this many seconds (the worker then serves
    # transactional mail first again); a row left `sending` this long by a dead worker is due again.
    "MAIL_BATCH_SECONDS": 10,
    "MAIL_CAMPAIGN_JOB_SECONDS": 1.0,
    # The failure rate of a campaign is judged once this many of its messages were answered.
    "CAMPAIGN_FAILURE_MIN_SAMPLE": 20,
}


def check(config) -> None:
    """Refuse to start in production without the secrets production needs."""
    if config["LOKET_ENV"] == "production" and not config.get("SECRET_KEY"):
        raise RuntimeError("SECRET_KEY moet gezet zijn wanneer LOKET_ENV=production.")
    if config["LOKET_ENV"] == "production" and not (config.get("PUBLIC_URL") or "").startswith("https://"):
        raise RuntimeError("PUBLIC_URL moet gezet zijn (https://…) wanneer LOKET_ENV=production.")
    if config.get("STORAGE_BACKEND", "local") not in ("local", "s3"):
        raise RuntimeError("STORAGE_BACKEND is 'local' of 's3'.")
    if config.get("STORAGE_BACKEND") == "s3" and not config.get("S3_BUCKET"):
        raise RuntimeError("S3_BUCKET moet gezet zijn wanneer STORAGE_BACKEND=s3.")
    if config["LOKET_ENV"] == "production" and config.get("AUTH_PROVIDER", "demo") == "demo":
        raise RuntimeError("AUTH_PROVIDER=demo (wachtwoorden van de demo) kan niet wanneer LOKET_ENV=production: "
                           "gebruik AUTH_PROVIDER=oidc.")
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = "development-only-not-secret"
