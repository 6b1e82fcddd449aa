"""The measures an applicant can apply for: one tile each on "Start nieuwe aanvraag"."""

from dataclasses import dataclass

RIGHT_NAME = "DWSE Organisatieverantwoordelijke"


@dataclass(frozen=True)
class Measure:
    code: str
    title: str
    summary: str
    seed: str


MEASURES: tuple[Measure, ...] = (
    Measure(
        code="vop",
        title="Vlaamse ondersteuningspremie",
        summary="Basisaanvraag, verhoging of verlenging van de VOP voor een werknemer met een arbeidshandicap.",
        seed="000",
    ),
    Measure(
        code="im",
        title="Individueel maatwerk",
        summary="Loonpremie, of loonpremie en begeleidingspremie, voor een werknemer of zelfstandige.",
        seed="003",
    ),
)

BY_CODE = {measure.code: measure for measure in MEASURES}


def get_measure(code: str) -> Measure | None:
    return BY_CODE.get(code)
