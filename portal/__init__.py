"""Loket: the intake portal for the Flemish employment-support premiums."""

from pathlib import Path

from flask import Flask
from jinja2 import StrictUndefined

from portal import config as settings
from portal.extensions import csrf, db, htmx, migrate


def create_app(overrides: dict | None = None) -> Flask:
    """Build the app: settings from the environment, then the caller's overrides."""
    app = Flask(
        __name__,
        template_folder=str(settings.PROJECT_ROOT / "templates"),
        static_folder=str(settings.PROJECT_ROOT / "static"),
        instance_path=str(settings.DEFAULT_INSTANCE),
    )
    app.config.update(settings.STATIC_SETTINGS)
    app.config.update(settings.from_environment())
    app.config.update(overrides or {})
    settings.check(app.config)
    Path(app.config["INSTANCE_DIR"]).mkdir(parents=True, exist_ok=True)
    if app.config.get("TESTING"):
        app.jinja_env.undefined = StrictUndefined

    db.init_app(app)
    migrate.init_app(app, db, directory=str(settings.PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    htmx.init_app(app)

    from portal import models  # noqa: F401  (registers the tables)
    from portal import security, templating, cli, errors
    from portal.auth import session as auth_session
    from portal.mail import outbox

    security.init_app(app)
    templating.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    auth_session.init_app(app)
    outbox.init_app(app)

    from portal.auth.routes import bp as auth_bp
    from portal.loket.routes import bp as loket_bp
    from portal.beheer.routes import bp as beheer_bp
    from portal.backoffice.routes import bp as backoffice_bp
    from portal.wizard import documents as _wizard_documents  # noqa: F401  (registers its routes)
    from portal.wizard.routes import bp as wizard_bp
    from portal.dossier.routes import bp as dossier_bp
    from portal.behandeling.routes import bp as behandeling_bp

    app.register_blueprint(auth_bp)
    app.register_blueprint(loket_bp)
    app.register_blueprint(beheer_bp)
    app.register_blueprint(backoffice_bp)
    app.register_blueprint(wizard_bp)
    app.register_blueprint(dossier_bp)
    app.register_blueprint(behandeling_bp)

    from portal.vop.routes import bp as vop_bp
    from portal.vop.paper import bp as paper_bp

    app.register_blueprint(vop_bp)
    app.register_blueprint(paper_bp)
    return app
