"""The department staff's handling of dossiers: work queue, dossier page, actions, letters, sources."""
