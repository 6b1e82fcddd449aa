from dataclasses import dataclass

import pytest
from werkzeug.security import generate_password_hash

from portal.extensions import db
from portal.mail import sink
from portal.models import Enterprise, Establishment, MeasureRight, Membership, StaffRole, User
from tests import support


@pytest.fixture(scope="session")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("loket")


@pytest.fixture(scope="session")
def redis_connection(workdir):
    connection = support.open_redis(workdir)
    yield connection
    connection.flushdb()
    support.close_redis(connection)


@pytest.fixture(scope="session")
def _schema(workdir):
    support.migrate_fresh(support.create_app(support.overrides(workdir)))


@pytest.fixture
def app(workdir, _schema, redis_connection):
    app = support.create_app(support.overrides(workdir, WTF_CSRF_ENABLED=False))
    support.use_redis(app, redis_connection)
    redis_connection.flushdb()
    with app.app_context():
        yield app
        db.session.remove()
    support.empty_tables(app)
    support.dispose(app)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def run_jobs(app):
    return lambda: support.run_jobs(app)


@pytest.fixture
def smtp_sink(app, workdir, tmp_path):
    """A real SMTP server (aiosmtpd) on a free port, storing what it receives in a Maildir."""
    port = support.free_port()
    directory = str(tmp_path / "maildir")
    controller = sink.start(directory, port=port)
    app.config.update(SMTP_PORT=port, MAIL_SINK_DIR=directory)
    yield lambda: sink.read(directory)
    controller.stop()


class Factory:
    """Builds test data: enterprises, users, memberships and rights."""

    _counter = 0

    def enterprise(self, name="Testbedrijf NV", number="0403170701", kind="werkgever", schools=()):
        enterprise = Enterprise(number=number, name=name, kind=kind)
        enterprise.establishments = [Establishment(name=s, is_school=True) for s in schools]
        db.session.add(enterprise)
        db.session.commit()
        return enterprise

    def user(self, login=None, *, enterprise=None, rights=(), admin=False, staff=False, email=None, roles=None):
        """A user; staff hold `roles` (by default handler and sender of messages, as the migration
        gives the staff who were there before roles)."""
        Factory._counter += 1
        login = login or f"user{Factory._counter}"
        user = User(subject=login, name=login.title(), email=email or f"{login}@example.test",
                    password_hash=generate_password_hash("geheim", method="pbkdf2:sha256:1000"), is_staff=staff)
        db.session.add(user)
        db.session.flush()
        for role in (roles if roles is not None else ("behandelaar", "berichten")) if staff else ():
            db.session.add(StaffRole(user_id=user.id, role=role))
        if enterprise is not None:
            db.session.add(Membership(user_id=user.id, enterprise_id=enterprise.id, is_local_admin=admin))
            for measure in rights:
                db.session.add(MeasureRight(user_id=user.id, enterprise_id=enterprise.id, measure=measure))
        db.session.commit()
        return user


@pytest.fixture
def make():
    return Factory()


class Auth:
    def __init__(self, client):
        self.client = client

    def login(self, login, password="geheim", **query):
        return self.client.post("/aanmelden", data={"login": login, "password": password}, query_string=query)

    def act_for(self, enterprise):
        return self.client.post("/onderneming", data={"enterprise": enterprise.id})


@pytest.fixture
def auth(client):
    return Auth(client)


@dataclass
class People:
    bakery: Enterprise
    cleaning: Enterprise
    els: User
    jan: User
    sofie: User


@pytest.fixture
def people(app, make):
    """The usual cast, on 23 November 2026: Els acts for Bakkerij Peeters NV (both measures), Jan
    for another enterprise, Schoonmaak Vandenbroucke BV (individueel maatwerk), Sofie is staff."""
    app.config["LOKET_TODAY"] = "2026-11-23"
    bakery = make.enterprise("Bakkerij Peeters NV", "0403170701")
    cleaning = make.enterprise("Schoonmaak Vandenbroucke BV", "0876543270")
    return People(bakery, cleaning, make.user("els", enterprise=bakery, rights=("im", "vop")),
                  make.user("jan", enterprise=cleaning, rights=("im",)), make.user("sofie", staff=True))


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    """An S3-compatible object store on loopback (moto in server mode, its own process), with a
    bucket; yields the settings that point the portal at it."""
    import os
    import subprocess
    import sys
    import time
    import urllib.request

    port = support.free_port()
    env = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_DEFAULT_REGION="eu-west-1")
    process = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1)
            break
        except OSError as error:
            if getattr(error, "code", None):  # an HTTP answer: it is up
                break
            time.sleep(0.1)
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION"):
        os.environ.setdefault(key, env[key])
    import boto3

    boto3.client("s3", endpoint_url=url, region_name="eu-west-1").create_bucket(
        Bucket="loket-test", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    yield {"STORAGE_BACKEND": "s3", "S3_BUCKET": "loket-test", "S3_ENDPOINT_URL": url, "S3_REGION": "eu-west-1"}
    process.terminate()
    process.wait(10)


@pytest.fixture
def csrf_client(app, workdir, redis_connection):
    """A client of a second app with CSRF on, used without the test's pushed app context (which
    would share `g`, and so a cached token, across requests)."""
    protected = support.create_app(support.overrides(workdir, WTF_CSRF_ENABLED=True))
    support.use_redis(protected, redis_connection)
    yield protected.test_client()
    support.dispose(protected)
