"""The server-side half of a login: the session cookie is signed but lives in the browser, so a
copy of it would outlive logout; a row here is what makes it valid, and logout deletes the row."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models.base import utcnow


class LoginSession(db.Model):
    """One login that has not ended. Only a digest of the cookie's random id is stored, so the
    table alone does not let anyone take over a session."""

    __tablename__ = "login_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex of the cookie's id
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
