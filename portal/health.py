"""/readyz: can this instance serve? The database and Redis answer, and whether uploads are
scanned for viruses (clamd), so an operator sees a scan that is switched off."""

from flask import jsonify
from redis.exceptions import RedisError
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from portal.extensions import db
from portal.queue import get_redis
from portal.uploads import virus


def readyz():
    """200 when the database and Redis answer, else 503; the virus scan's state is reported."""
    checks = {}
    try:
        db.session.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except SQLAlchemyError:
        db.session.rollback()
        checks["database"] = "onbereikbaar"
    try:
        checks["redis"] = "ok" if get_redis().ping() else "onbereikbaar"
    except RedisError:
        checks["redis"] = "onbereikbaar"
    checks["virusscan"] = virus.status()
    ready = checks["database"] == "ok" and checks["redis"] == "ok" and checks["virusscan"] != "onbereikbaar"
    return jsonify(ready=ready, checks=checks), 200 if ready else 503


def init_app(app):
    app.add_url_rule("/readyz", "readyz", readyz)
