"""The audit trail: recording what staff read and decide, every change of rights and every message
to many applicants; searching it; and who at the department handled a dossier."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import event
from sqlalchemy.orm import Session

from portal.extensions import db
from portal.models import Application, AuditEvent, BulkMessage, User

ACTIONS = {
    "dossier_gelezen": "Dossier bekeken",
    "document_gelezen": "Document gedownload",
    "informatie_gevraagd": "Informatie gevraagd",
    "ontvankelijk": "Ontvankelijk verklaard",
    "niet_ontvankelijk": "Niet ontvankelijk verklaard",
    "goedgekeurd": "Goedgekeurd",
    "geweigerd": "Geweigerd",
    "wijziging_verwerkt": "Gemelde wijziging verwerkt",
    "recht_toegekend": "Recht toegekend",
    "recht_ingetrokken": "Recht ingetrokken",
    "bericht_verstuurd": "Bericht aan aanvragers verstuurd",
    "bericht_pauzeren": "Bericht aan aanvragers gepauzeerd",
    "bericht_hervatten": "Bericht aan aanvragers hervat",
    "bericht_annuleren": "Bericht aan aanvragers geannuleerd",
    "bericht_opnieuw": "Mislukte e-mails van een bericht opnieuw verstuurd",
    "uit_dienst_geregistreerd": "Uitdiensttreding geregistreerd",
    "vdab_evaluatie_vastgelegd": "Datum van de evaluatie door VDAB vastgelegd",
    "wop_uitkomst": "Uitkomst van VDAB over het werkondersteuningspakket geregistreerd",
    "concept_herinnerd": "Herinnering: concept wordt verwijderd",
    "concept_verwijderd": "Concept verwijderd (bewaartermijn)",
    "e-mail_gelezen": "E-mail aan een aanvrager gelezen",
    "mailbox_gelezen": "Bericht in de lokale mailbox gelezen",
    "brief_gelezen": "Brief aan een werknemer gelezen",
    "brief_verstuurd": "Brief aan een werknemer als verstuurd gemarkeerd",
    "rol_toegekend": "Rol van een medewerker toegekend",
    "rol_ingetrokken": "Rol van een medewerker ingetrokken",
    "referentiegegevens_geladen": "Referentiegegevens geladen",
    "betaling_goedgekeurd": "Betalingsronde goedgekeurd",
    "betaalbestand_gedownload": "SEPA-betaalbestand gedownload",
}
# What the applicant sees as "handled": staff reading or deciding on the dossier.
HANDLING = ("dossier_gelezen", "document_gelezen", "informatie_gevraagd", "ontvankelijk", "niet_ontvankelijk",
            "goedgekeurd", "geweigerd", "wijziging_verwerkt", "uit_dienst_geregistreerd", "vdab_evaluatie_vastgelegd")
SYSTEM = "Loket (automatisch)"
PAGE_SIZE = 50


def record(action: str, user: User | None, *, application_id: int | None = None, document_id: int | None = None,
           enterprise_id: int | None = None, detail: str = "") -> AuditEvent:
    """Add one line to the trail in the caller's transaction (the caller commits)."""
    assert action in ACTIONS, action
    row = AuditEvent(action=action, actor_id=user.id if user else None, actor_name=user.name if user else SYSTEM,
                     application_id=application_id, document_id=document_id, enterprise_id=enterprise_id,
                     detail=detail[:2000])
    db.session.add(row)
    return row


def record_now(action: str, user: User | None, **kwargs) -> None:
    """Record a read at once, in its own commit."""
    record(action, user, **kwargs)
    db.session.commit()


@event.listens_for(Session, "before_flush")
def _campaigns(session, _context, _instances):
    """Every message to many applicants is recorded when its row is first written, whoever writes it."""
    for row in list(session.new):
        if isinstance(row, BulkMessage):
            author = session.get(User, row.created_by_id) if row.created_by_id else None
            scope = f"maatregel {row.measure or 'alle'}, doelgroep {row.audience}"
            session.add(AuditEvent(action="bericht_verstuurd", actor_id=author.id if author else None,
                                   actor_name=author.name if author else SYSTEM,
                                   detail=f"‘{row.subject}’ ({scope})"))


@dataclass(frozen=True)
class Search:
    who: str = ""
    action: str = ""
    application_id: int | None = None
    since: date | None = None
    until: date | None = None
    page: int = 1


def search(criteria: Search) -> tuple[list[AuditEvent], bool]:
    """The lines matching the criteria, newest first, one page; and whether there is a next page."""
    query = db.select(AuditEvent)
    if criteria.who:
        query = query.where(AuditEvent.actor_name.ilike(f"%{_escape(criteria.who)}%", escape="\\"))
    if criteria.action:
        query = query.where(AuditEvent.action == criteria.action)
    if criteria.application_id is not None:
        query = query.where(AuditEvent.application_id == criteria.application_id)
    if criteria.since:
        query = query.where(AuditEvent.at >= datetime.combine(criteria.since, time.min))
    if criteria.until:
        query = query.where(AuditEvent.at < datetime.combine(criteria.until + timedelta(days=1), time.min))
    offset = (max(criteria.page, 1) - 1) * PAGE_SIZE
    rows = list(db.session.scalars(query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
                                   .offset(offset).limit(PAGE_SIZE + 1)))
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


def dossier_id(reference: str) -> int | None:
    """The internal id of the dossier a searcher named: its number (IM-2026-000001, in any case,
    spaces around ignored) or its internal id (digits); None when no dossier has that number."""
    reference = reference.strip()
    if reference.isdigit():
        return int(reference) if len(reference) < 10 else None
    return db.session.scalar(db.select(Application.id).where(Application.number == reference.upper()))


def dossier_numbers(rows: list[AuditEvent]) -> dict[int, str]:
    """The dossier number of each line's dossier, in one query (a draft has none, a removed one is gone)."""
    ids = {row.application_id for row in rows if row.application_id is not None}
    if not ids:
        return {}
    return dict(db.session.execute(db.select(Application.id, Application.number)
                                   .where(Application.id.in_(ids), Application.number.is_not(None))).all())


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def handlers_of(application_id: int) -> list[tuple[str, datetime]]:
    """Who at the department read or decided on this dossier, each with their latest moment."""
    rows = db.session.execute(
        db.select(AuditEvent.actor_name, db.func.max(AuditEvent.at))
        .where(AuditEvent.application_id == application_id, AuditEvent.action.in_(HANDLING))
        .group_by(AuditEvent.actor_name).order_by(db.func.max(AuditEvent.at).desc())
    )
    return [(name, at) for name, at in rows]
