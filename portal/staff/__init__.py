"""What department staff see, all under /backoffice: their home, the work queue and the handling
of a dossier, letters to print, the sources' reference data, messages to many applicants, every
e-mail sent and the local mailbox, and paper applications. Builds on portal/services; never
imported by portal/applicant."""

from flask import Blueprint

from portal.ratelimits import limited

bp = Blueprint("staff", __name__, url_prefix="/backoffice")

from portal.staff import (audit, campaigns, dossiers, home, letters, mails, paper, payments, people, roles,  # noqa: E402,F401,I001
                          sources, work_queue, wop)

bp.before_request(roles.check_role)



def _not_sending_a_campaign() -> bool:
    from flask import request

    return request.endpoint != f"{bp.name}.new_bulk_message" or request.form.get("actie") != "versturen"


# Sending a message to many applicants is rate limited (portal/ratelimits.py); its preview is not.
limited("campaign", exempt_when=_not_sending_a_campaign)(bp)
