"""Audittrail: who at the department read or did what, searchable by person, action, dossier and
period (for staff with the audit role; portal/staff/roles.py)."""

from datetime import date

from flask import render_template, request

from portal.auth.actor import staff_required
from portal.forms import without_nul
from portal.services import audit as trail
from portal.staff import bp


def _date(name: str, errors: dict) -> date | None:
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors[name] = "Vul een datum in als JJJJ-MM-DD, bijvoorbeeld 2026-11-23."
        return None


@bp.get("/audit")
@staff_required
def audit():
    """Search the audit trail; newest first, 50 per page."""
    errors = {}
    chosen = {key: without_nul(request.args.get(key, "")).strip()[:200] for key in ("wie", "actie", "dossier", "van", "tot")}
    application_id = None
    if chosen["dossier"]:
        if chosen["dossier"].isdigit() and len(chosen["dossier"]) < 10:
            application_id = int(chosen["dossier"])
        else:
            errors["dossier"] = "Vul het interne nummer van het dossier in (alleen cijfers)."
    if chosen["actie"] not in ("", *trail.ACTIONS):
        errors["actie"] = "Kies een actie uit de lijst."
    criteria = trail.Search(who=chosen["wie"], action=chosen["actie"] if "actie" not in errors else "",
                            application_id=application_id, since=_date("van", errors), until=_date("tot", errors),
                            page=max(request.args.get("pagina", 1, type=int) or 1, 1))
    rows, more = trail.search(criteria) if not errors else ([], False)
    return render_template("staff/audit.html", rows=rows, more=more, page=criteria.page, chosen=chosen,
                           errors=errors, actions=trail.ACTIONS), 422 if errors else 200
