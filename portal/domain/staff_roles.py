"""The department's staff roles: separate rights, so that a handler of dossiers cannot send a
message to many applicants, a sender of messages cannot decide on a dossier, and only an auditor
reads the audit trail (issue 16)."""

BEHANDELAAR = "behandelaar"
BERICHTEN = "berichten"
AUDIT = "audit"

ROLES = {
    BEHANDELAAR: "Behandelaar van dossiers",
    BERICHTEN: "Verzender van berichten aan aanvragers",
    AUDIT: "Auditor (raadpleegt de audittrail)",
}


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
