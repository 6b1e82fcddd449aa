"""The dossier engine: a submitted application's life, from submission through admissibility and
decision to reported changes and reminders. `transitions` is the only code that changes a state."""

from portal.services.dossiers import urgency  # noqa: E402,F401  (registers the hook that keeps dossier.urgent_on)
