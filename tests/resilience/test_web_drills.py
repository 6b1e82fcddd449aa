"""Fault drills for the web side. What each proves:
- the database gone during a wizard POST: a Dutch "probeer opnieuw" page (503, Retry-After), every
  step saved before is still there when it is back, and /readyz says what is down;
- two browsers submit the same draft at the same moment: one dossier, one confirmation, and both
  land on the receipt."""

import threading
import time

from portal.extensions import db
from portal.models import Application, Dossier, OutboxMessage
from tests import support
from tests.resilience import report
from tests.test_wizard import CONTACT, EMPLOYEE, employer, fill_until_documents, start  # noqa: F401


def test_the_database_gone_during_a_wizard_post_answers_503_and_loses_nothing(app, client, employer, monkeypatch):  # noqa: F811
    app_id = start(client)
    assert client.post(f"/aanvragen/{app_id}/contact", data=CONTACT).status_code == 303

    dbapi = db.engine.dialect.loaded_dbapi

    def refuse(*args, **kwargs):
        raise dbapi.OperationalError("the database server is gone")

    db.session.remove()
    db.engine.dispose()  # every pooled connection is gone with the server
    monkeypatch.setattr(db.engine.pool, "_creator", refuse)
    began = time.monotonic()
    response = client.post(f"/aanvragen/{app_id}/werknemer", data=EMPLOYEE)
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"
    assert "Probeer het over enkele ogenblikken opnieuw" in page and "Wat u eerder bewaarde, is niet verloren" in page
    ready = client.get("/readyz")
    assert ready.status_code == 503 and ready.get_json()["checks"]["database"]["ok"] is False

    monkeypatch.undo()  # the database is back
    db.engine.dispose()
    step = client.get(f"/aanvragen/{app_id}/contact").get_data(as_text=True)
    report("database gone during a POST", status=response.status_code, contact_step_kept=CONTACT["email"] in step,
           recovered_in=f"{time.monotonic() - began:.1f}s")
    assert CONTACT["email"] in step
    assert client.post(f"/aanvragen/{app_id}/werknemer", data=EMPLOYEE).status_code == 303


def test_two_browsers_submit_the_same_draft_at_once_one_dossier_one_confirmation(app, client, employer):  # noqa: F811
    app_id = start(client)
    fill_until_documents(client, app_id)
    client.post(f"/aanvragen/{app_id}/documenten/verder")
    support.confirm_contact(app_id)
    second = app.test_client()
    with client.session_transaction() as session:
        cookie = dict(session)
    with second.session_transaction() as session:
        session.update(cookie)  # the same user, logged in, in a second browser
    db.session.remove()

    barrier, answers = threading.Barrier(2), []

    def submit(browser):
        barrier.wait()
        answers.append(browser.post(f"/aanvragen/{app_id}/overzicht", data={"declaration": "y"}))

    threads = [threading.Thread(target=submit, args=(browser,)) for browser in (client, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    dossiers = db.session.scalar(db.select(db.func.count()).select_from(Dossier).filter_by(application_id=app_id))
    confirmations = db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage).filter(
        OutboxMessage.dedupe_key.like(f"dossier:{app_id}:%")))
    report("two browsers submit at once", answers=[a.status_code for a in answers], dossiers=dossiers,
           confirmations=confirmations)
    assert [a.status_code for a in answers] == [303, 303]
    assert all(a.headers["Location"].endswith("/ontvangstbewijs") for a in answers)
    assert dossiers == 1 and confirmations == 1
    assert db.session.get(Application, app_id).state == "ingediend"
