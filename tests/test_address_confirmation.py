"""An address that works: the first time an enterprise uses a contact e-mail, the applicant types
the six-digit code we mailed to it before submitting; a confirmed address is not asked again; an
address a mail server refused for good is shown on the dossier and in the work queue."""

import re
from datetime import timedelta

from portal.extensions import db
from portal.mail import addresses
from portal.models import Application, MailAddress, OutboxMessage
from tests.test_wizard import CONTACT, employer, fill_until_documents, start  # noqa: F401,F811  (employer: fixture)


def review(client, app_id, **data):
    return client.post(f"/aanvragen/{app_id}/overzicht", data=data)


def mailed_code() -> str:
    mail = db.session.scalars(db.select(OutboxMessage).filter(OutboxMessage.dedupe_key.startswith("adrescode:"))
                              .order_by(OutboxMessage.id.desc())).first()
    return re.search(r"\b(\d{6})\b", mail.body_text).group(1)


def complete_draft(client) -> int:
    app_id = start(client)
    fill_until_documents(client, app_id)
    client.post(f"/aanvragen/{app_id}/documenten/verder")
    return app_id


def test_the_code_mailed_to_a_new_address_must_be_typed_before_submitting(client, employer):
    app_id = complete_draft(client)
    page = client.get(f"/aanvragen/{app_id}/overzicht").get_data(as_text=True)
    assert "Bevestig het e-mailadres" in page and f"Code sturen naar {CONTACT['email']}" in page
    refused = review(client, app_id, declaration="y")
    assert refused.status_code == 422
    assert f"Bevestig het e-mailadres van de contactpersoon ({CONTACT['email']})" in refused.get_data(as_text=True)

    sent = review(client, app_id, actie="code-sturen")
    assert sent.status_code == 303 and sent.headers["Location"].endswith("/overzicht?code=verstuurd#e-mailadres")
    code = mailed_code()
    mail = db.session.scalar(db.select(OutboxMessage).filter(OutboxMessage.dedupe_key.startswith("adrescode:")))
    assert mail.recipient == CONTACT["email"] and code in mail.subject and mail.lane == "transactional"
    too_soon = review(client, app_id, actie="code-sturen")
    assert too_soon.status_code == 429 and "Wacht een halve minuut" in too_soon.get_data(as_text=True)

    wrong = review(client, app_id, actie="code-bevestigen", code="000000" if code != "000000" else "111111")
    assert wrong.status_code == 422 and "Deze code klopt niet" in wrong.get_data(as_text=True)
    short = review(client, app_id, actie="code-bevestigen", code="12")
    assert "Typ de zes cijfers" in short.get_data(as_text=True)
    confirmed = review(client, app_id, actie="code-bevestigen", code=f" {code[:3]} {code[3:]} ")  # spaces are fine
    assert confirmed.status_code == 303
    assert review(client, app_id, declaration="y").headers["Location"].endswith("/ontvangstbewijs")

    # The next application of this enterprise to the same address (in other capitals) asks nothing.
    second = start(client)
    assert client.post(f"/aanvragen/{second}/contact",
                       data={**CONTACT, "email": CONTACT["email"].upper()}).status_code == 303
    page = client.get(f"/aanvragen/{second}/overzicht").get_data(as_text=True)
    assert "Bevestig het e-mailadres" not in page


def test_after_each_code_action_the_focus_lands_where_the_user_goes_on(client, employer):
    """Without JavaScript too: after "Code sturen" the page comes back with the code field focused
    (autofocus), after "Code bevestigen" with the focus on the result, a status in place of the field."""
    app_id = complete_draft(client)
    assert "autofocus" not in client.get(f"/aanvragen/{app_id}/overzicht").get_data(as_text=True)
    sent = client.get(review(client, app_id, actie="code-sturen").headers["Location"]).get_data(as_text=True)
    field = re.search(r'<input[^>]*id="code"[^>]*>', sent).group(0)
    assert "autofocus" in field and sent.count("autofocus") == 1
    wrong = review(client, app_id, actie="code-bevestigen", code="000000" if mailed_code() != "000000" else "111111")
    assert wrong.status_code == 422 and "autofocus" not in wrong.get_data(as_text=True)  # the error summary takes it
    confirmed = review(client, app_id, actie="code-bevestigen", code=mailed_code())
    assert confirmed.headers["Location"].endswith("/overzicht?adres=bevestigd#e-mailadres")
    page = client.get(confirmed.headers["Location"]).get_data(as_text=True)
    status = re.search(r'<p class="notice" role="status" tabindex="-1" autofocus>([^<]*)</p>', page)
    assert status and status.group(1) == f"Het e-mailadres {CONTACT['email']} is bevestigd."
    assert page.count("is bevestigd") == 1 and 'id="code"' not in page


def test_a_code_expires_and_too_many_wrong_codes_ask_for_a_new_one(client, employer, monkeypatch):
    app_id = complete_draft(client)
    review(client, app_id, actie="code-sturen")
    code = mailed_code()
    for _ in range(addresses.CODE_MAX_ATTEMPTS):
        review(client, app_id, actie="code-bevestigen", code="999999" if code != "999999" else "888888")
    blocked = review(client, app_id, actie="code-bevestigen", code=code)
    assert "te vaak een verkeerde code" in blocked.get_data(as_text=True)

    address = db.session.scalar(db.select(MailAddress))
    address.code_sent_at -= timedelta(minutes=31)
    db.session.commit()
    review(client, app_id, actie="code-sturen")
    fresh = mailed_code()
    address.code_sent_at = address.code_sent_at - timedelta(minutes=31)
    db.session.commit()
    expired = review(client, app_id, actie="code-bevestigen", code=fresh)
    assert "Deze code is verlopen" in expired.get_data(as_text=True)
    assert db.session.get(Application, app_id).is_draft
