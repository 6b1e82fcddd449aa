"""The department staff's area: their home and every e-mail the portal sent."""

from flask import Blueprint, abort, current_app, render_template

from portal.auth.session import staff_required
from portal.extensions import db
from portal.mail import sink
from portal.models import OutboxMessage

bp = Blueprint("backoffice", __name__, url_prefix="/backoffice")


@bp.get("/")
@staff_required
def home():
    """The staff home page."""
    return render_template("backoffice/home.html")


@bp.get("/e-mails")
@staff_required
def mails():
    """The outbox: every message, with its delivery state."""
    messages = db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(200))
    return render_template("backoffice/mails.html", messages=list(messages))


@bp.get("/e-mails/<int:message_id>")
@staff_required
def mail(message_id):
    """One outbox message as it was written."""
    message = db.get_or_404(OutboxMessage, message_id)
    return render_template("backoffice/mail.html", message=message)


@bp.get("/mailbox")
@staff_required
def mailbox():
    """The local mail sink: what the SMTP server really received (development and tests)."""
    directory = current_app.config["MAIL_SINK_DIR"]
    return render_template("backoffice/mailbox.html", messages=sink.read(directory), enabled=bool(directory))


@bp.get("/mailbox/<key>")
@staff_required
def mailbox_message(key):
    """One received message."""
    found = sink.find(current_app.config["MAIL_SINK_DIR"], key)
    if found is None:
        abort(404)
    return render_template("backoffice/mailbox_message.html", message=found)
