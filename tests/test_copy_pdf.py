"""A PDF copy of a submitted application (fpdf2): answers, documents, date and time of receipt,
downloadable from the dossier and linked from the confirmation e-mail; scoped to the enterprise."""

from portal.extensions import db
from portal.models import OutboxMessage
from tests import dossiers


def test_the_copy_holds_what_was_submitted(client, auth, people):
    dossiers.reference()
    application = dossiers.submitted(people.bakery, people.els)
    auth.login("els")
    response = client.get(f"/dossiers/{application.id}/kopie.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == f'attachment; filename="aanvraag-{application.number}.pdf"'
    content = response.data
    assert content.startswith(b"%PDF")
    for text in (f"Kopie van uw aanvraag {application.number}".encode(), b"Bakkerij Peeters NV", b"0403.170.701",
                 b"Ontvangen op", b"Pieter", b"Individueel maatwerk", b"Geen documenten"):
        assert text in content, text


def test_the_confirmation_mail_links_to_the_copy(people):
    dossiers.reference()
    application = dossiers.submitted(people.bakery, people.els)
    mail = db.session.scalar(db.select(OutboxMessage).filter_by(dedupe_key=f"dossier:{application.id}:ontvangen"))
    assert f"/dossiers/{application.id}/kopie.pdf" in mail.body_text
    assert f"/dossiers/{application.id}/kopie.pdf" in mail.body_html


def test_another_enterprise_gets_no_copy(client, auth, people):
    dossiers.reference()
    application = dossiers.submitted(people.bakery, people.els)
    auth.login("jan")
    assert client.get(f"/dossiers/{application.id}/kopie.pdf").status_code == 404
