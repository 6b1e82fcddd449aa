"""dossier.urgent_on: the first deadline as it stands while the clock runs (admissibility.urgent_on),
kept in the row so the work queue can order open dossiers by an index (issue 15).

It depends on receipt, the days already waited, the state and admissibility, and which decision
term applies (measure, kind, parent): never on today. So it changes only when one of those does,
and one hook keeps it: before every flush, each dossier that is new or whose inputs changed (its
own, or its application's) gets the rule's value. The state machine's guarded UPDATE sets the
application's attributes after it, so transitions pass through here too; only rows written with
Core INSERT/UPDATE statements bypass the hook, and `refresh` recomputes those in SQL (the same
rule; migrations/versions/0014_werkbak_urgency.py repeats it for the rows that existed before).
"""

from datetime import date

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from portal.domain import admissibility, dossier_states
from portal.extensions import db
from portal.models import Application, Dossier
from portal.services.dossiers import decision_terms
from portal.services.dossiers.sql_dates import AddDays

APPLICATION_INPUTS = ("state", "admissibility", "measure", "kind", "parent_id")
DOSSIER_INPUTS = ("received_on", "suspended_days")


def rule(application: Application, dossier: Dossier) -> date | None:
    """What dossier.urgent_on must hold: the admissibility term while admissibility is not decided,
    the decision term while the dossier is not final, whichever is shorter."""
    if dossier.received_on is None:
        return None
    final = dossier_states.is_final(dossier_states.Status(application.state, application.admissibility))
    return admissibility.urgent_on(dossier.received_on, dossier.suspended_days or 0, application.admissibility is None,
                                   None if final else decision_terms.decision_term(application))


def _changed(row, names) -> bool:
    state = inspect(row)
    return any(state.attrs[name].history.has_changes() for name in names)


@event.listens_for(Session, "before_flush")
def _keep(session, _context, _instances):
    new_dossiers = {row.application_id: row for row in session.new if isinstance(row, Dossier)}
    due = {}
    for row in list(session.new) + list(session.dirty):
        if row in session.deleted:
            continue
        if isinstance(row, Dossier) and (row in session.new or _changed(row, DOSSIER_INPUTS)):
            # A new dossier made with application_id only does not load its application (pending
            # objects do not lazy-load): ask the session, which has it in memory as a rule.
            application = row.application or (session.get(Application, row.application_id)
                                              if row.application_id is not None else None)
            if application is not None:
                due[id(row)] = (application, row)
        elif isinstance(row, Application) and row.state != "draft" and row not in session.new \
                and _changed(row, APPLICATION_INPUTS):
            dossier = new_dossiers.get(row.id)
            if dossier is None:
                loaded = inspect(row).attrs.dossier.loaded_value
                dossier = loaded if isinstance(loaded, Dossier) else session.get(Dossier, row.id)
            if dossier is not None:
                due[id(dossier)] = (row, dossier)
    for application, dossier in due.values():
        value = rule(application, dossier)
        if dossier.urgent_on != value:
            dossier.urgent_on = value




def final_sql():
    """dossier_states.is_final, in SQL."""
    return db.or_(Application.state.in_((dossier_states.GOEDGEKEURD, dossier_states.GEWEIGERD)),
                  db.func.coalesce(Application.admissibility, "") == dossier_states.NIET_ONTVANKELIJK)


# decision_terms.is_vop_evaluation, in SQL.
VOP_EVALUATION = db.and_(Application.measure == "im", Application.kind == "nieuw", Application.parent_id.is_not(None))


def rule_sql():
    """`rule` in SQL, over application and dossier: the admissibility term (7 days, shorter than any
    decision term) while admissibility is not decided, else the decision term while not final."""
    evaluation = db.or_(Application.kind == "evaluatie", VOP_EVALUATION)
    term = db.case((Application.admissibility.is_(None), admissibility.TERM_DAYS),
                   (final_sql(), None),
                   (evaluation, admissibility.EVALUATION_PROCESSING_DAYS),
                   (db.and_(Application.measure == "im", Application.kind != "heroverweging"),
                    admissibility.IM_PROCESSING_DAYS))
    return AddDays(Dossier.received_on, term + db.func.coalesce(Dossier.suspended_days, 0))


def refresh(application_ids=None) -> None:
    """Recompute urgent_on in SQL for these dossiers (all when None): for rows written with Core
    statements, which the flush hook does not see (the growth benchmark's bulk insert). The caller commits."""
    value = db.select(rule_sql()).where(Application.id == Dossier.application_id).scalar_subquery()
    statement = db.update(Dossier).values(urgent_on=value)
    if application_ids is not None:
        statement = statement.where(Dossier.application_id.in_(list(application_ids)))
    db.session.execute(statement.execution_options(synchronize_session=False))
