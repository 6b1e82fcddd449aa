import pytest

from portal import create_app
from portal.config import database_url


def test_production_refuses_to_start_without_secret_key(tmp_path):
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"LOKET_ENV": "production", "SECRET_KEY": None, "INSTANCE_DIR": str(tmp_path)})


def test_production_with_secret_key_has_secure_cookies(monkeypatch, tmp_path):
    monkeypatch.setenv("LOKET_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "s3cret")
    monkeypatch.setenv("PUBLIC_URL", "https://loket.test")
    monkeypatch.setenv("LOKET_INSTANCE_DIR", str(tmp_path))
    monkeypatch.setenv("AUTH_PROVIDER", "oidc")
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_NAME"] == "__Host-session"
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_database_defaults_to_sqlite_under_instance(tmp_path):
    assert database_url(None, tmp_path) == f"sqlite:///{tmp_path / 'loket.sqlite'}"


def test_postgres_urls_use_psycopg3(tmp_path):
    assert database_url("postgresql://postgres@127.0.0.1:5432/test", tmp_path).startswith("postgresql+psycopg://")
    assert database_url("postgres://u@h/db", tmp_path) == "postgresql+psycopg://u@h/db"


def test_public_url_follows_the_port_make_run_serves_on(monkeypatch):
    from portal import config

    monkeypatch.delenv("PUBLIC_URL", raising=False)
    monkeypatch.setenv("PORT", "8080")
    assert config.from_environment()["PUBLIC_URL"] == "http://127.0.0.1:8080"
    monkeypatch.setenv("HOST", "0.0.0.0")
    assert config.from_environment()["PUBLIC_URL"] == "http://127.0.0.1:8080"
    monkeypatch.setenv("PUBLIC_URL", "https://loket.example")
    assert config.from_environment()["PUBLIC_URL"] == "https://loket.example"


def test_production_refuses_the_demo_login(monkeypatch, tmp_path):
    monkeypatch.setenv("LOKET_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "s3cret")
    monkeypatch.setenv("PUBLIC_URL", "https://loket.test")
    monkeypatch.setenv("LOKET_INSTANCE_DIR", str(tmp_path))
    with pytest.raises(RuntimeError, match="AUTH_PROVIDER=demo"):
        create_app()


def test_the_demo_login_answers_404_in_production_even_if_started(app, client, people):
    app.config["LOKET_ENV"] = "production"
    assert client.get("/aanmelden").status_code == 404
    assert client.post("/aanmelden", data={"login": "els", "password": "geheim"}).status_code == 404
