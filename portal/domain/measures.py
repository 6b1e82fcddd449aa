"""The measures an applicant can apply for: one tile each on "Start nieuwe aanvraag", and what the
approval tells about each one's payment (seeds 000, 001, 003)."""

from dataclasses import dataclass

RIGHT_NAME = "DWSE Organisatieverantwoordelijke"


@dataclass(frozen=True)
class Measure:
    code: str
    title: str
    summary: str
    seed: str
    # How an approved premium is paid, in the applicant's words (the approval e-mail says it).
    payment: str = ""


MEASURES: tuple[Measure, ...] = (
    Measure(
        code="vop",
        title="Vlaamse ondersteuningspremie",
        summary="Basisaanvraag, verhoging of verlenging van de VOP voor een werknemer met een arbeidshandicap.",
        seed="000",
        # Seed 000: "aan het einde van elk kwartaal op uw bankrekening gestort. U ontvangt de premie
        # telkens voor het vorige kwartaal." Seed 001: "ieder kwartaal de premie van het voorgaande
        # kwartaal automatisch uitbetalen."
        payment=("De premie wordt elk kwartaal automatisch op uw bankrekening gestort, telkens voor het "
                 "vorige kwartaal."),
    ),
    Measure(
        code="im",
        title="Individueel maatwerk",
        summary="Loonpremie, of loonpremie en begeleidingspremie, voor een werknemer of zelfstandige.",
        seed="003",
        # Seed 003, stap 6: "automatisch op kwartaalbasis de vierde maand na het kwartaal van
        # tewerkstelling op basis van uw RSZ-aangifte ... onder het tabblad 'Berekeningen'."
        payment=("De premie wordt automatisch per kwartaal betaald, in de vierde maand na het kwartaal van "
                 "tewerkstelling, op basis van uw RSZ-aangifte. De berekening vindt u daarna in het "
                 "WSE-loket onder ‘Berekeningen’."),
    ),
)

BY_CODE = {measure.code: measure for measure in MEASURES}


def get_measure(code: str) -> Measure | None:
    return BY_CODE.get(code)
