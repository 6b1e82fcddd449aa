"""Individueel maatwerk: which steps apply, which documents are needed, one application per
employee, the bank account on the first application. Source: seed 003_cf4b65171622c691.txt."""

from dataclasses import dataclass
from datetime import date

from portal.domain.documents import EXTRA, DocumentRequirement
from portal.domain.dossier_states import grant_has_ended
from portal.domain.wizard import Context, Flow, Step, documents_complete, is_self_employed, needs_account

LOONPREMIE = "loonpremie"
MET_BEGELEIDING = "loonpremie_begeleiding"
PREMIUMS = {
    LOONPREMIE: "Loonpremie",
    MET_BEGELEIDING: "Loonpremie en begeleidingspremie",
}

# States in which an application still counts as "open" for its employee.
OPEN_STATES = {"draft", "ingediend", "in_onderzoek", "onvolledig", "goedgekeurd"}


QUALIFICATION = DocumentRequirement(
    "kwalificatie", "Bewijs van kwalificatie van de begeleider",
    "Toon aan dat uw interne begeleider aan de kwalificaties voldoet.",
)
BUSINESS_ACTIVITY = DocumentRequirement(
    "bedrijfsactiviteit", "Bewijs van voldoende bedrijfsactiviteiten",
    "Bijvoorbeeld uw laatste aanslagbiljet of een attest van uw boekhouder.",
)


def is_employer(ctx: Context) -> bool:
    return not is_self_employed(ctx)


def with_guidance(ctx: Context) -> bool:
    """Guide and colleague-coach are asked only for loonpremie en begeleidingspremie."""
    return is_employer(ctx) and ctx.answer("premie", "premie") == MET_BEGELEIDING


def internal_guide(ctx: Context) -> bool:
    return with_guidance(ctx) and ctx.answer("begeleiding", "guide_type") == "intern"


def required_documents(ctx: Context) -> list[DocumentRequirement]:
    """Loonpremie: no extra proof. With guidance and an internal guide: proof of qualification.
    Self-employed: proof of sufficient business activity. Extra documents are always optional."""
    needed = []
    if internal_guide(ctx):
        needed.append(QUALIFICATION)
    if is_self_employed(ctx):
        needed.append(BUSINESS_ACTIVITY)
    return needed + [EXTRA]


FLOW = Flow(
    measure="im",
    steps=(
        Step("contact", "Contactgegevens"),
        Step("werknemer", "Werknemer", applies=is_employer),
        Step("zelfstandige", "Uw gegevens als zelfstandige", applies=is_self_employed),
        Step("premie", "Premie", applies=is_employer),
        Step("ondersteuning", "Financiële ondersteuning voor zelfstandigen", applies=is_self_employed),
        Step("begeleiding", "Begeleider en collega-coach", applies=with_guidance),
        Step("rekening", "Rekeningnummer", applies=needs_account),
        Step("documenten", "Documenten", done=documents_complete(required_documents)),
    ),
)


@dataclass(frozen=True)
class ExistingApplication:
    id: int
    measure: str
    state: str
    admissibility: str | None
    employee_national_number: str | None
    end: date | None = None  # last day of the grant, once approved
    # The premium is paid on after `end` for an evaluation request filed in time (seed 003): the
    # caller knows (it takes the evaluation requests), this rule only reads it.
    payment_continues: bool = False


def blocking_application(national_number: str, measure: str, existing: list[ExistingApplication],
                         today: date, current_id: int | None = None) -> ExistingApplication | None:
    """One application per employee: another open application of the same enterprise for the same
    employee and measure blocks a new one. A refused or not-admissible one does not: "U kan een
    nieuwe aanvraag indienen" (seed 003). An approved grant blocks only while it runs: once its end
    date has passed a new application is the way forward ("U moet in dit geval een nieuwe aanvraag
    indienen na het verlopen van de VOP van bepaalde duur", seed 003). But while the premium is paid on
    after the end date, because the department has not decided on an evaluation request filed in time
    ("zal de premie verder betaald worden", seed 003), the grant still runs and still blocks."""
    for other in existing:
        if other.id == current_id or other.measure != measure:
            continue
        if other.employee_national_number != national_number:
            continue
        if grant_has_ended(other.state, other.end, today) and not other.payment_continues:
            continue
        if other.state in OPEN_STATES and other.admissibility != "niet_ontvankelijk":
            return other
    return None


def mask_iban(iban: str) -> str:
    """BE71 0961 2345 6769 -> BE71 •••• •••• 6769."""
    compact = iban.replace(" ", "")
    middle = " ".join("••••" for _ in range(max(0, (len(compact) - 8 + 3) // 4)))
    return f"{compact[:4]} {middle} {compact[-4:]}".replace("  ", " ")
