"""/healthz and /readyz: what a load balancer and an operator ask of a running portal (JSON)."""

from portal.queue import wake_delivery


def test_healthz_says_the_process_lives(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}


def test_readyz_checks_everything_and_names_what_is_down(app, client, smtp_sink):
    ready = client.get("/readyz")
    assert ready.status_code == 200
    body = ready.get_json()
    assert body["status"] == "ok"
    assert {name for name, check in body["checks"].items() if check["ok"]} == {
        "database", "redis", "smtp", "storage", "queues", "virusscan"}
    wake_delivery("transactional")
    queues = client.get("/readyz").get_json()["checks"]["queues"]["queues"]
    assert queues["loket-mail"]["waiting"] == 1 and queues["loket-mail"]["oldest_waiting_seconds"] >= 0

    app.config["SMTP_PORT"] = 1  # nobody listens there
    down = client.get("/readyz")
    assert down.status_code == 503 and down.get_json()["status"] == "unavailable"
    assert down.get_json()["checks"]["smtp"]["ok"] is False and down.get_json()["checks"]["database"]["ok"]
