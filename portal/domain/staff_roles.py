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


def may(held: set[str] | frozenset[str], role: str | None) -> bool:
    """A staff page open to every staff member has no role (None); otherwise the role is needed."""
    return role is None or role in held


def refusal(role: str) -> str:
    return (f"Deze pagina vraagt de rol ‘{ROLES[role]}’, die u niet hebt. Vraag ze aan bij de "
            "beheerder van het loket.")
