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
        application_id = trail.dossier_id(chosen["dossier"])
        if application_id is None:
            errors["dossier"] = (f"Er is geen dossier met het nummer {chosen['dossier'].upper()}. Vul het dossiernummer "
                                 "in, bijvoorbeeld IM-2026-000001, of het interne nummer (alleen cijfers).")
    if chosen["actie"] not in ("", *trail.ACTIONS):
        errors["actie"] = "Kies een actie uit de lijst."
    since, until = _date("van", errors), _date("tot", errors)
    if since and until and since > until:
        errors["van"] = (f"De datum ‘Van’ ({since:%d/%m/%Y}) ligt na de datum ‘Tot en met’ ({until:%d/%m/%Y}): "
                         "kies een vroegere ‘Van’ of een latere ‘Tot en met’.")
    criteria = trail.Search(who=chosen["wie"], action=chosen["actie"] if "actie" not in errors else "",
                            application_id=application_id, since=since, until=until,
                            page=max(request.args.get("pagina", 1, type=int) or 1, 1))
    rows, more = trail.search(criteria) if not errors else ([], False)
    return render_template("staff/audit.html", rows=rows, more=more, page=criteria.page, chosen=chosen,
                           errors=errors, actions=trail.ACTIONS, numbers=trail.dossier_numbers(rows)), \
        422 if errors else 200
