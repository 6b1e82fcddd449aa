"""Logging in, choosing the enterprise (and school) to act for, the actor of every request with the
access decorators and login sessions (actor.py), and staff's paper mode (paper_mode.py)."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from portal.auth import routes  # noqa: E402,F401  (the blueprint's routes)
