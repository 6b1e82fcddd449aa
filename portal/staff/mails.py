"""Every e-mail the portal wrote (the outbox, with its delivery state) and the local mailbox: what
the SMTP server really received, in development and tests."""

from flask import abort, current_app, render_template

from portal.auth.actor import staff_required
from portal.extensions import db
from portal.mail import sink
from portal.models import OutboxMessage
from portal.staff import bp


@bp.get("/e-mails")
@staff_required
def mails():
    """The outbox: every message, with its delivery state."""
    messages = db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(200))
    return render_template("staff/mails.html", messages=list(messages))


@bp.get("/e-mails/<int:message_id>")
@staff_required
def mail(message_id):
    """One outbox message as it was written."""
    message = db.get_or_404(OutboxMessage, message_id)
    return render_template("staff/mail.html", message=message)


@bp.get("/mailbox")
@staff_required
def mailbox():
    """The local mail sink: what the SMTP server really received (development and tests)."""
    directory = current_app.config["MAIL_SINK_DIR"]
    return render_template("staff/mailbox.html", messages=sink.read(directory), enabled=bool(directory))


@bp.get("/mailbox/<key>")
@staff_required
def mailbox_message(key):
    """One received message."""
    found = sink.find(current_app.config["MAIL_SINK_DIR"], key)
    if found is None:
        abort(404)
    return render_template("staff/mailbox_message.html", message=found)
