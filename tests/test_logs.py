"""Structured logs: a request id that follows a submission into the jobs it enqueues."""

import json
import logging

from portal.logs import JsonFormatter, RequestIdFilter, request_id
from portal.queue import get_queue
from tests.test_wizard import employer, fill_until_documents, start  # noqa: F401  (fixture)
from tests import support


def test_a_submission_hands_its_request_id_to_the_jobs_it_enqueues(client, employer):  # noqa: F811
    app_id = start(client)
    fill_until_documents(client, app_id)
    client.post(f"/aanvragen/{app_id}/documenten/verder")
    support.confirm_contact(app_id)
    response = client.post(f"/aanvragen/{app_id}/overzicht", data={"declaration": "y"},
                           headers={"X-Request-ID": "aanvraag-42"})
    assert response.status_code == 303 and response.headers["X-Request-ID"] == "aanvraag-42"
    check = get_queue().fetch_job(f"admissibility-{app_id}")
    assert check.meta["request_id"] == "aanvraag-42"
    mail = get_queue("loket-mail").jobs[0]
    assert mail.meta["request_id"] == "aanvraag-42"


def test_an_odd_request_id_is_replaced_and_every_response_has_one(client):
    response = client.get("/aanmelden", headers={"X-Request-ID": "bad id <script>"})
    assert response.headers["X-Request-ID"] != "bad id <script>" and len(response.headers["X-Request-ID"]) == 32


def test_json_lines_carry_the_request_id():
    record = logging.LogRecord("portal", logging.INFO, __file__, 1, "ingediend %s", ("IM-2026-000001",), None)
    token = request_id.set("aanvraag-42")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "ingediend IM-2026-000001" and line["request_id"] == "aanvraag-42"
    assert line["level"] == "INFO" and line["time"].endswith("+00:00")


def test_make_run_logs_no_line_per_request(workdir, monkeypatch):
    """make run's terminal keeps its banner: the development server's request lines are off there
    (LOG_REQUESTS=0, set by portal/dev.py), errors still show (issue 15)."""
    import logging

    from tests import support

    werkzeug = logging.getLogger("werkzeug")
    monkeypatch.setattr(werkzeug, "level", logging.NOTSET)
    monkeypatch.setenv("LOG_REQUESTS", "0")
    app = support.create_app(support.overrides(workdir))
    try:
        assert app.config["LOG_REQUESTS"] is False
        assert werkzeug.getEffectiveLevel() == logging.WARNING
    finally:
        support.dispose(app)


def test_the_local_mail_sink_does_not_log_every_smtp_command(tmp_path):
    """make run's terminal keeps its banner while the demo's e-mails arrive (issue 15)."""
    import logging

    from portal.mail import sink

    controller = sink.start(str(tmp_path / "box"), port=support.free_port())
    try:
        assert logging.getLogger("mail.log").getEffectiveLevel() == logging.WARNING
    finally:
        controller.stop()
