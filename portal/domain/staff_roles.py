"""The department's staff roles: separate rights, so that a handler of dossiers cannot send a
message to many applicants, a sender of messages cannot decide on a dossier, and only an auditor
reads the audit trail (issue 16)."""

BEHANDELAAR = "behandelaar"
BERICHTEN = "berichten"
AUDIT = "audit"
BEHEER = "beheer"

ROLES = {
    BEHANDELAAR: "Behandelaar van dossiers",
    BERICHTEN: "Verzender van berichten aan aanvragers",
    AUDIT: "Auditor (raadpleegt de audittrail)",
    BEHEER: "Beheerder van het loket (kent de rollen van medewerkers toe)",
}


def change_refused(changer_id: int, target_id: int, before: set[str], after: set[str]) -> str | None:
    """Why a beheerder may not make this change of roles, or None. A beheerder does not take the
    role away from themselves (the loket would be left without one), and roles are only those above."""
    unknown = after - ROLES.keys()
    if unknown:
        return "Kies alleen rollen uit de lijst."
    if changer_id == target_id and BEHEER in before and BEHEER not in after:
        return "U kunt uw eigen rol van beheerder niet intrekken: laat een andere beheerder dat doen."
    return None


def may(held: set[str] | frozenset[str], role: str | tuple[str, ...] | None) -> bool:
    """A staff page open to every staff member has no role (None); otherwise the role is needed
    (one of them, for a page two roles share)."""
    if role is None:
        return True
    return any(r in held for r in role) if isinstance(role, tuple) else role in held


def refusal(role: str | tuple[str, ...]) -> str:
    if isinstance(role, tuple):
        names = " of ".join(f"‘{ROLES[r]}’" for r in role)
        return f"Deze pagina vraagt de rol {names}, die u niet hebt. Vraag ze aan bij de beheerder van het loket."
    return (f"Deze pagina vraagt de rol ‘{ROLES[role]}’, die u niet hebt. Vraag ze aan bij de "
            "beheerder van het loket.")
