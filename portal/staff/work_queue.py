"""Werkbak: every dossier, most urgent first, filtered by measure, state, days left and unhandled
reported changes; 50 per page."""

from flask import render_template, request

from portal.auth.actor import staff_required
from portal.database import reads_only
from portal.domain import dossier_states
from portal.domain.measures import MEASURES
from portal.services.dossiers import changes, queries
from portal.staff import bp

PAGE_SIZE = 50
STATE_FILTERS = {"": "Alle", **dossier_states.STATE_LABELS, "niet_ontvankelijk": "Niet ontvankelijk"}


@bp.get("/dossiers/")
@staff_required
@reads_only
def queue():
    """The work queue, filtered by measure, state, days left and unhandled reported changes."""
    chosen = {key: request.args.get(key, "") for key in ("maatregel", "stand", "termijn", "wijziging")}
    if chosen["maatregel"] not in ("", *(m.code for m in MEASURES)) or chosen["stand"] not in STATE_FILTERS \
            or chosen["termijn"] not in queries.DEADLINE_FILTERS or chosen["wijziging"] not in queries.CHANGE_FILTERS:
        chosen = dict.fromkeys(chosen, "")
    found = queries.work_queue(chosen["maatregel"], chosen["stand"], chosen["termijn"],
                               page=request.args.get("pagina", 1, type=int), size=PAGE_SIZE,
                               changes=chosen["wijziging"])
    return render_template("staff/queue.html", rows=found.rows, total=found.total, page=found.number,
                           pages=found.pages, open_changes=changes.open_for([row.application.id for row in found.rows]),
                           unreachable=queries.unreachable([row.application for row in found.rows]),
                           chosen=chosen, measures=MEASURES, states=STATE_FILTERS, deadlines=queries.DEADLINE_FILTERS,
                           change_filters=queries.CHANGE_FILTERS)
