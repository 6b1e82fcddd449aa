"""A reference for the web benchmark: the least any logged-in, server-rendered Flask page costs,
with no loket code at all. Served by gunicorn exactly as loket and the bare route are.

- `/pagina`: what every page of the stack the portal is built on (Flask, Flask-WTF, Jinja) does
  for a logged-in user: open the signed session cookie, sign a CSRF token, and render a page of the
  size and shape of loket's tile page (a base template and a child, a menu of `url_for` links, the
  user's name, a logout form with the token, two tiles): about 3.5 KB.
- `/pagina-met-query`: the same page after one query on PostgreSQL (the enterprise's name, by its
  primary key) through SQLAlchemy's connection pool, in autocommit: one round trip, no more.
- `/aanmelden`: puts a user id in the session (the benchmark's cookie comes from here).

What loket adds on top of these (its actor, rate limiter, security headers, request id, JSON log,
the real queries and templates) is what the benchmark's ratios to this reference show; what these
cost next to `return "ok"` is what no page of this stack can avoid."""

import os

from flask import Flask, abort, render_template, session
from flask_wtf.csrf import CSRFProtect
from jinja2 import DictLoader

BASE = """<!doctype html>
<html lang="nl-BE">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{% block title %}{% endblock %} – WSE-loket</title>
  <link rel="stylesheet" href="{{ url_for('static', filename='css/loket.css') }}">
  <script src="{{ url_for('static', filename='vendor/htmx.min.js') }}" defer></script>
  <script src="{{ url_for('static', filename='js/upload.js') }}" defer></script>
  <script src="{{ url_for('static', filename='js/errors.js') }}" defer></script>
</head>
<body data-hx-boost="true" data-hx-headers='{"X-CSRFToken": "{{ csrf_token() }}"}'>
  <a class="skip-link" href="#inhoud">Naar de inhoud</a>
  <header class="site-header">
    <div class="wrap header-row">
      <a class="brand" href="{{ url_for('home') }}">WSE-loket <span class="brand-sub">Departement Werk en Sociale Economie</span></a>
      <nav aria-label="Hoofdmenu" class="main-nav">
        <ul>
          {% for endpoint, text in menu %}
          <li><a href="{{ url_for(endpoint) }}">{{ text }}</a></li>
          {% endfor %}
        </ul>
      </nav>
      <div class="who">
        <span>{{ user_name }}</span>
        <span class="acting">voor {{ enterprise_name }} (0403.170.701)</span>
        <a href="{{ url_for('home') }}">Andere onderneming</a>
        <form method="post" action="{{ url_for('logout') }}" class="inline">
          <input type="hidden" name="csrf_token" value="{{ csrf_token() }}">
          <button type="submit" class="link-button">Afmelden</button>
        </form>
      </div>
    </div>
  </header>
  <main id="inhoud" class="wrap" tabindex="-1">
    <p class="session-end" id="sessie-einde" data-warn-ms="300000" data-idle-ms="1800000">
      Uw sessie loopt af als u 30 minuten niets doet. Wat u bij elke stap hebt ingevuld, is al bewaard.
    </p>
    <div class="notice session-warning" id="sessie-waarschuwing" role="alert" hidden>
      <p>Uw sessie loopt binnen 5 minuten af. Wat u bij elke stap hebt ingevuld, is bewaard.</p>
      <button type="button" class="button-secondary" id="sessie-verlengen">Aangemeld blijven</button>
    </div>
    {% block content %}{% endblock %}
  </main>
  <footer class="site-footer">
    <div class="wrap">
      <p>Departement Werk en Sociale Economie · Koning Albert II-laan 35 bus 20, 1030 Brussel · Vlaamse ondersteuningspremie: 02 553 08 61</p>
    </div>
  </footer>
</body>
</html>
"""

PAGE = """{% extends "base.html" %}
{% block title %}Start nieuwe aanvraag{% endblock %}
{% block content %}
<h1>Start nieuwe aanvraag</h1>
<p>Kies de maatregel waarvoor u een aanvraag wilt indienen.</p>
<ul class="tiles">
  {% for code, title, text in tiles %}
  <li class="tile">
    <h2><a href="{{ url_for('measure', code=code) }}">{{ title }}</a></h2>
    <p>{{ text }}</p>
  </li>
  {% endfor %}
</ul>
{% endblock %}
"""

MENU = [("page_only", "Start nieuwe aanvraag"), ("page_with_query", "Mijn aanvragen"),
        ("home", "Actuele stand van uw dossier"), ("login", "Gebruikersbeheer")]
TILES = [("vop", "Vlaamse ondersteuningspremie",
          "Basisaanvraag, verhoging of verlenging van de VOP voor een werknemer met een arbeidshandicap."),
         ("im", "Individueel maatwerk",
          "Loonpremie, of loonpremie en begeleidingspremie, voor een werknemer of zelfstandige.")]

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY", "benchmark")
app.jinja_loader = DictLoader({"base.html": BASE, "page.html": PAGE})
CSRFProtect(app)
_engine = None


def engine():
    """One pool per worker process, made after gunicorn forks (as Flask-SQLAlchemy does)."""
    global _engine
    if _engine is None:
        from pathlib import Path

        from sqlalchemy import create_engine

        from portal.config import database_url

        # Autocommit: the query is the one round trip (no BEGIN, no ROLLBACK), as loket's reading pages.
        _engine = create_engine(database_url(os.environ["DATABASE_URL"], Path(".")), isolation_level="AUTOCOMMIT")
    return _engine


def page(enterprise_name: str):
    if session.get("user_id") is None:
        abort(403)
    return render_template("page.html", menu=MENU, tiles=TILES, user_name="Els Peeters",
                           enterprise_name=enterprise_name)


@app.get("/")
def home():
    return "ok"


@app.get("/aanmelden")
def login():
    session["user_id"] = 1
    return "aangemeld"


@app.post("/afmelden")
def logout():
    session.clear()
    return "afgemeld"


@app.get("/aanvraag/<code>")
def measure(code):
    return code


@app.get("/pagina")
def page_only():
    return page("Bakkerij Peeters NV")


@app.get("/pagina-met-query")
def page_with_query():
    from sqlalchemy import text

    with engine().connect() as connection:
        name = connection.execute(text("SELECT name FROM enterprise WHERE id = :id"),
                                  {"id": int(os.environ.get("LOKET_BENCH_ENTERPRISE", "1"))}).scalar_one()
    return page(name)
