"""A paper VOP application, entered by department staff on the applicant's behalf (seed 001: "Een
aanvraag op papier indienen kan ook"). Staff pick the enterprise (and school) and the day the form
arrived, then walk the same wizard; the application is marked `paper`."""

from flask import Blueprint, g, redirect, render_template, request, session, url_for
from wtforms import DateField, SelectField
from wtforms.validators import InputRequired, ValidationError

from portal.auth.session import staff_required
from portal.clock import today
from portal.extensions import db
from portal.forms import EmptyForm, Form, choices as select_choices
from portal.models import Enterprise, Establishment

bp = Blueprint("papier", __name__, url_prefix="/backoffice/papieren-aanvraag")

# The areas where staff act for the enterprise while entering a paper application.
PAPER_AREAS = {"loket", "wizard", "vop"}
KEYS = ("paper_enterprise_id", "paper_establishment_id", "paper_received_on")


class PaperForm(Form):
    applicant = SelectField("Voor welke onderneming of school?",
                            validators=[InputRequired("Kies de onderneming waarvoor u de aanvraag invoert.")])
    received_on = DateField("Ontvangen op", description="De dag waarop het departement het papieren formulier "
                            "ontving: de premie loopt vanaf het kwartaal van aanvraag.",
                            validators=[InputRequired("Vul de datum van ontvangst in.")])

    def setup(self):
        choices = [("", "Kies een onderneming")]
        for enterprise in db.session.scalars(db.select(Enterprise).order_by(Enterprise.name)):
            if enterprise.is_school_group:
                choices += [(f"{enterprise.id}:{s.id}", f"{enterprise.display_number} – {enterprise.name}, {s.name}")
                            for s in enterprise.establishments if s.is_school]
            else:
                choices.append((f"{enterprise.id}:", f"{enterprise.display_number} – {enterprise.name}"))
        self.applicant.choices = select_choices(choices)
        return self

    def validate_received_on(self, field):
        if field.data and field.data > today():
            raise ValidationError("De datum van ontvangst ligt in de toekomst.")


@bp.route("/", methods=["GET", "POST"])
@staff_required
def start():
    """Pick the applicant and the day of receipt, then continue in the VOP wizard."""
    form = PaperForm().setup()
    if form.validate_on_submit():
        enterprise_id, _, establishment_id = form.applicant.data.partition(":")
        session["paper_enterprise_id"] = int(enterprise_id)
        session["paper_establishment_id"] = int(establishment_id) if establishment_id else None
        session["paper_received_on"] = form.received_on.data.isoformat()
        return redirect(url_for("loket.measure_home", measure="vop"), code=303)
    status = 422 if request.method == "POST" else 200
    return render_template("vop/paper.html", form=form), status


@bp.post("/stoppen")
@staff_required
def stop():
    """Stop acting for the applicant."""
    if EmptyForm().validate_on_submit():
        for key in KEYS:
            session.pop(key, None)
    return redirect(url_for("backoffice.home"), code=303)


@bp.before_app_request
def act_for_paper_applicant():
    """Staff entering a paper application act for its enterprise in the wizard only."""
    g.paper = False
    if g.get("user") is None or not g.user.is_staff or not session.get("paper_enterprise_id"):
        return
    if request.blueprint not in PAPER_AREAS:
        return
    g.enterprise = db.session.get(Enterprise, session["paper_enterprise_id"])
    if g.enterprise is None:
        return
    establishment_id = session.get("paper_establishment_id")
    g.establishment = db.session.scalar(
        db.select(Establishment).filter_by(id=establishment_id, enterprise_id=g.enterprise.id)
    ) if establishment_id else None
    g.rights = frozenset({"vop"})
    g.paper = True


@bp.app_context_processor
def paper_mode():
    return {"paper_mode": g.enterprise if g.get("paper") else None}


def received_on() -> str | None:
    return session.get("paper_received_on") if g.get("paper") else None
