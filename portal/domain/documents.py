"""A document an application asks for, the same shape for every measure."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentRequirement:
    kind: str
    label: str
    hint: str
    required: bool = True


EXTRA = DocumentRequirement("extra", "Extra documenten", "Andere stukken die uw aanvraag ondersteunen.", required=False)
