"""Dutch error pages; a crash page is a bug, but if one comes it is at least in Dutch."""

import logging

from flask import g, render_template
from flask_wtf.csrf import CSRFError
from redis.exceptions import ConnectionError as RedisConnectionError
from sqlalchemy import exc

from portal.extensions import db

TITLES = {
    400: "De vraag kon niet verwerkt worden",
    403: "Geen toegang",
    404: "Pagina niet gevonden",
    405: "Deze actie is hier niet mogelijk",
    413: "Het bestand is te groot",
    500: "Er ging iets mis",
}

DEFAULT_TEXT = {
    400: "Probeer het opnieuw vanaf de vorige pagina.",
    403: "U hebt geen toegang tot deze pagina.",
    404: "Deze pagina bestaat niet, of u hebt er geen toegang toe.",
    405: "Ga terug naar de vorige pagina.",
    413: "Een document mag hoogstens 4 MB groot zijn. Verklein het bestand en probeer opnieuw.",
    500: "Probeer het later opnieuw. Blijft het misgaan, neem dan contact op met het Departement WSE.",
}


def init_app(app):
    def handler(error):
        code = getattr(error, "code", 500) or 500
        description = getattr(error, "description", None)
        text = description if code == 403 and description and not description.startswith("You don") else DEFAULT_TEXT.get(code)
        return render_template("errors/error.html", code=code, title=TITLES.get(code, TITLES[500]), text=text), code

    for code in TITLES:
        app.register_error_handler(code, handler)

    @app.errorhandler(exc.OperationalError)
    @app.errorhandler(exc.InterfaceError)
    @app.errorhandler(RedisConnectionError)
    def unavailable(error):
        """The database (or Redis) cannot be reached: nothing is half saved (the transaction is
        rolled back), and the user is told to try again, not shown a crash."""
        try:
            db.session.rollback()
        except exc.SQLAlchemyError:
            pass
        logging.getLogger(__name__).warning("dienst onbereikbaar: %s", type(error).__name__)
        # The page is drawn without the actor: the rollback expired its objects, and reading them
        # again would need the database that is gone.
        g.user = g.enterprise = g.establishment = g.membership = None
        text = ("Het loket kan uw gegevens op dit moment niet bewaren. Wat u eerder bewaarde, is niet verloren. "
                "Probeer het over enkele ogenblikken opnieuw.")
        page = render_template("errors/error.html", code=503, title="Het loket is even niet beschikbaar", text=text)
        return page, 503, {"Retry-After": "30"}

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        text = "Uw sessie is verlopen of het formulier was niet meer geldig. Laad de pagina opnieuw en probeer nog eens."
        return render_template("errors/error.html", code=400, title=TITLES[400], text=text), 400
