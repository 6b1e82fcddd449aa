"""The dossier engine: a submitted application's life, from submission through admissibility and
decision to reported changes and reminders. `transitions` is the only code that changes a state."""
