"""Loket: the intake portal for the Flemish employment-support premiums."""

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix
from jinja2 import StrictUndefined

from portal import config, database
from portal.extensions import csrf, db, htmx, migrate


def create_app(overrides: dict | None = None) -> Flask:
    """Build the app: settings from the environment, then the caller's overrides."""
    app = Flask(
        __name__,
        template_folder=str(config.PROJECT_ROOT / "templates"),
        static_folder=str(config.PROJECT_ROOT / "static"),
        instance_path=str(config.DEFAULT_INSTANCE),
    )
    app.config.update(config.STATIC_SETTINGS)
    app.config.update(config.from_environment())
    app.config.update(overrides or {})
    config.check(app.config)
    Path(app.config["INSTANCE_DIR"]).mkdir(parents=True, exist_ok=True)
    if app.config.get("TESTING"):
        app.jinja_env.undefined = StrictUndefined

    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=str(config.PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    htmx.init_app(app)

    from portal import models  # noqa: F401  (registers the tables)
    from portal import auth, errors, health, logs, ratelimits, security, staff, templating
    from portal.applicant import dossiers, signing, tiles, users, wizard
    from portal.auth import actor, paper_mode
    from portal.mail import outbox

    logs.init_app(app)
    security.init_app(app)
    templating.init_app(app)
    errors.init_app(app)
    actor.init_app(app)  # the actor of every request, then (for staff) paper mode
    paper_mode.init_app(app)
    ratelimits.init_app(app)  # after the actor: limits count per user
    outbox.init_app(app)

    if app.config["PROXY_FIX_HOPS"]:
        hops = app.config["PROXY_FIX_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    for area in (health, auth, tiles, wizard, dossiers, signing, users, staff):
        app.register_blueprint(area.bp)
    return app
