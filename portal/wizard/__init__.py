"""The application wizard: one page per step, drafts saved at every step, uploads that resume."""
