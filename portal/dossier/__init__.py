"""A submitted application's life as a dossier: submission, admissibility, decisions."""
