"""The ceiling of the web side: a bare Flask route, served by gunicorn exactly as loket is."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "ok"
