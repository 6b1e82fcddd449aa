"""What the applicant and staff sides both use: the application engine (drafts, each measure's
steps and forms, how answers read) and the dossier engine (submission, transitions, actions,
admissibility, follow-up, e-mails, queries). Imports portal/domain and portal/models; never
portal/applicant or portal/staff."""
