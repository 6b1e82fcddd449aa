"""Which staff role each back-office page needs (portal/domain/staff_roles.py), checked for every
request to the blueprint before its view runs. A page missing here is refused to everyone, and
tests/test_authorization_matrix.py fails, so a new page cannot be opened to all staff by mistake."""

from flask import abort, g, request

from portal.domain import staff_roles
from portal.domain.staff_roles import AUDIT, BEHANDELAAR, BEHEER, BERICHTEN

PAGES = {
    "home": None,
    "queue": BEHANDELAAR,
    "dossier": BEHANDELAAR,
    "document": BEHANDELAAR,
    "ask": BEHANDELAAR,
    "admissible": BEHANDELAAR,
    "inadmissible": BEHANDELAAR,
    "approve": BEHANDELAAR,
    "refuse": BEHANDELAAR,
    "handle_change": BEHANDELAAR,
    "letters": BEHANDELAAR,
    "letter": BEHANDELAAR,
    "printed": BEHANDELAAR,
    "sources": BEHANDELAAR,
    # Payment runs: the handler, who decides the grants, approves what they pay (no separate role).
    "payment_runs": BEHANDELAAR,
    "payment_run": BEHANDELAAR,
    "approve_payment_run": BEHANDELAAR,
    "payment_run_sepa": BEHANDELAAR,
    "paper_start": BEHANDELAAR,
    "paper_stop": BEHANDELAAR,
    # The e-mails and their failures: the handler's dossiers' mail and the sender's campaigns.
    "mails": (BEHANDELAAR, BERICHTEN),
    "mail": (BEHANDELAAR, BERICHTEN),
    "mailbox": BEHANDELAAR,
    "mailbox_message": BEHANDELAAR,
    "bulk_messages": BERICHTEN,
    "bulk_message": BERICHTEN,
    "new_bulk_message": BERICHTEN,
    "steer_bulk_message": BERICHTEN,
    "leaving": BEHANDELAAR,
    "vdab_evaluation": BEHANDELAAR,
    "wop_outcome": BEHANDELAAR,
    "audit": AUDIT,
    "people": BEHEER,
    "set_roles": BEHEER,
}
UNLISTED = object()


def check_role():
    """Before every back-office view: a staff member without the page's role gets a 403 that names
    it. Anonymous users and applicants are left to the view's own decorator (login, 403)."""
    user = g.get("user")
    if user is None or not user.is_staff:
        return
    page = (request.endpoint or "").rpartition(".")[2]
    role = PAGES.get(page, UNLISTED)
    if role is UNLISTED:
        abort(403)
    if not staff_roles.may(g.staff_roles, role):
        abort(403, description=staff_roles.refusal(role))
