"""The wizard's pages: start, one page per step, review, submit, receipt, Mijn aanvragen."""

from flask import abort, flash, g, redirect, render_template, request, url_for

from portal.applicant.wizard import bp
from portal.applicant.wizard.forms import AddressCodeForm, DeclarationForm
from portal.applicant.wizard.pages import indicator, load, step_url
from portal.auth.actor import enterprise_required, require_measure_right
from portal.database import reads_only
from portal.domain import wizard
from portal.extensions import db
from portal.mail import addresses
from portal.services.applications import drafts, summary
from portal.services.applications.flows import flow_for
from portal.services.dossiers import queries, submission
from portal.ratelimits import limited
from portal.templating import is_fragment_request, page


@bp.post("/aanvraag/<measure>/nieuw")
@enterprise_required
def start(measure):
    """Start a draft for the chosen measure and go to its first step. The kind is not taken from the
    request: a VOP's kind is chosen and checked at /aanvraag/vop/soort, any other measure's is "nieuw"."""
    require_measure_right(measure)
    if measure == "vop":
        return redirect(url_for("tiles.measure_home", measure=measure), code=303)
    application = drafts.start_draft(g.enterprise, g.establishment, g.user, measure, "nieuw")
    first = flow_for(measure).flow.applicable(drafts.context_for(application))[0]
    return redirect(step_url(application, first), code=303)


def render_step(application, step, ctx, form, status=200, stop=None):
    number, total = wizard.position(flow_for(application.measure).flow, ctx, step.key)
    template = flow_for(application.measure).templates.get(step.key, "wizard/step.html")
    previous = wizard.previous_step(flow_for(application.measure).flow, ctx, step.key)
    return page(template, block="step", status=status, application=application, step=step, form=form,
                number=number, total=total, steps=indicator(application, ctx, step.key), stop=stop,
                previous_url=step_url(application, previous) if previous else None)


@bp.route("/aanvragen/<int:application_id>/<step_key>", methods=["GET", "POST"])
@enterprise_required
@reads_only
def step(application_id, step_key):
    """One step: show it with what was entered; on post, validate, save, go on."""
    application = load(application_id)
    definition = flow_for(application.measure)
    ctx = drafts.context_for(application)
    current = definition.flow.get(step_key)
    if current is None or step_key not in definition.forms:
        abort(404)
    if not current.applies(ctx):
        # A step of this wizard that no longer applies: the enterprise's account became known
        # through a colleague's application meanwhile, or an earlier answer changed. Whoever had
        # it open (or posts it) goes on where the draft continues, told why, rather than a 404.
        flash(f"De stap ‘{current.title}’ is voor deze aanvraag niet meer nodig door wat intussen gekend of "
              "ingevuld is. U gaat verder waar uw aanvraag nog iets vraagt.")
        return redirect(step_url(application, wizard.next_step(definition.flow, ctx, step_key)), code=303)
    if not wizard.may_open(definition.flow, ctx, step_key):
        return redirect(step_url(application, wizard.first_open_step(definition.flow, ctx)))
    if request.method == "GET":  # a resumed draft that stopped here shows why again; a step not yet answered does not
        stop = current.stops(ctx) if wizard.is_done(current, ctx) else None
        return render_step(application, current, ctx, drafts.step_form(application, step_key, ctx), stop=stop)
    form = drafts.step_form(application, step_key, ctx, formdata=request.form)
    if not form.validate():
        return render_step(application, current, ctx, form, status=422)
    drafts.save_step(application, step_key, form.answers())
    ctx = drafts.context_for(application)
    reason = current.stops(ctx)
    if reason:
        return render_step(application, current, ctx, form, status=422, stop=reason)
    return redirect(step_url(application, wizard.next_step(definition.flow, ctx, step_key)), code=303)


@bp.post("/aanvragen/<int:application_id>/<step_key>/controle")
@enterprise_required
def check_field(application_id, step_key):
    """The inline check as the user leaves a field: the same form code, one field's errors shown."""
    application = load(application_id)
    ctx = drafts.context_for(application)
    current = flow_for(application.measure).flow.get(step_key)
    if current is None or step_key not in flow_for(application.measure).forms:
        abort(404)
    form = drafts.step_form(application, step_key, ctx, formdata=request.form)
    form.validate()
    field_name = request.args.get("veld", "")
    for field in form:
        if field.name != field_name:
            field.errors = []
    return render_step(application, current, ctx, form)


@bp.route("/aanvragen/<int:application_id>/overzicht", methods=["GET", "POST"])
@limited("submit")
@enterprise_required
def review(application_id):
    """Every answer with a "wijzig" link per section, the declaration, and submit."""
    application = load(application_id)
    action = request.form.get("actie", "indienen")
    if request.method == "POST" and action in ("code-sturen", "code-bevestigen"):
        return _confirm_address(application, action)
    form = DeclarationForm()
    problems = drafts.submission_problems(application)
    if form.validate_on_submit() and not problems:
        try:
            submission.submit_draft(application, g.user)
        except submission.AlreadySubmitted:
            pass  # submitted a moment ago by another click or browser: its receipt is the answer
        return redirect(url_for("wizard.receipt", application_id=application.id), code=303)
    return _review(application, form, 422 if request.method == "POST" else 200, problems=problems)


def _confirm_address(application, action):
    """The contact e-mail's code: send one, or check the one typed (plain posts, CSRF checked)."""
    code_form = AddressCodeForm()
    email = drafts.unconfirmed_contact_email(application)
    if email is None:  # confirmed meanwhile, or no contact e-mail yet
        return redirect(url_for("wizard.review", application_id=application.id), code=303)
    if action == "code-sturen":
        refused = addresses.send_code(application.enterprise_id, email,
                                      contact=application.answer("contact", "name") or g.user.name)
        db.session.commit()
        if refused:
            code_form.code.errors = [refused]
            return _review(application, DeclarationForm(formdata=None), 429, code_form=code_form, code_sent=True)
        flash(f"We stuurden een code naar {email}. Ze is 30 minuten geldig.")
        # The page comes back with the focus in the code field (autofocus): where the user goes on.
        return redirect(url_for("wizard.review", application_id=application.id, code="verstuurd",
                                _anchor="e-mailadres"), code=303)
    if code_form.validate():
        error = addresses.confirm(application.enterprise_id, email, code_form.code.data)
        db.session.commit()
        if error is None:  # the page says so where the code field was, with the focus on it
            return redirect(url_for("wizard.review", application_id=application.id, adres="bevestigd",
                                    _anchor="e-mailadres"), code=303)
        code_form.code.errors = [error]
    return _review(application, DeclarationForm(formdata=None), 422, code_form=code_form, code_sent=True)


def _review(application, form, status, *, problems=None, code_form=None, code_sent=None):
    ctx = drafts.context_for(application)
    definition = flow_for(application.measure)
    problems = drafts.submission_problems(application) if problems is None else problems
    unconfirmed = drafts.unconfirmed_contact_email(application)
    if code_sent is None and unconfirmed:
        found = addresses.find(application.enterprise_id, unconfirmed)
        code_sent = bool(found and found.code_hash)
    sections = summary.sections(application)
    # Back from "Code sturen" or "Code bevestigen" (a redirect): the focus goes where the user goes on.
    arrived = request.method == "GET"
    focus_code = bool(code_sent and arrived and request.args.get("code") == "verstuurd")
    confirmed = (application.answer("contact", "email")
                 if not unconfirmed and request.args.get("adres") == "bevestigd" else None)
    return page("wizard/review.html", block="content", status=status, application=application, form=form,
                unconfirmed=unconfirmed, code_form=code_form or AddressCodeForm(formdata=None), code_sent=code_sent,
                focus_code=focus_code, confirmed=confirmed, focus_confirmed=bool(confirmed and arrived),
                sections=sections, problems=problems, steps=indicator(application, ctx, None),
                documents=drafts.documents_by_kind(application),
                requirements=definition.required_documents(ctx))


@bp.get("/aanvragen/<int:application_id>/ontvangstbewijs")
@enterprise_required
def receipt(application_id):
    """The receipt with the application number."""
    application = load(application_id, editable=False)
    if application.is_draft:
        return redirect(url_for("wizard.review", application_id=application.id))
    return page("wizard/receipt.html", application=application,
                receipt_extra=flow_for(application.measure).receipt_extra)


@bp.get("/aanvragen")
@enterprise_required
@reads_only
def mine():
    """Mijn aanvragen: drafts with what is still missing, and submitted applications with their state
    as the dossier pages name it; only of the measures the user holds the right for."""
    applications = drafts.applications_of(g.enterprise, g.rights)
    labels = queries.labels([application for application in applications if not application.is_draft])
    rows = [(application, drafts.submission_problems(application) if application.is_draft else [],
             labels.get(application.id)) for application in applications]
    return page("wizard/mine.html", rows=rows)


@bp.get("/aanvragen/<int:application_id>")
@enterprise_required
def resume(application_id):
    """Open an application: a draft continues at its first open step, a submitted one is a dossier."""
    application = load(application_id, editable=False)
    if not application.is_draft:
        return redirect(url_for("dossiers.show", application_id=application.id))
    ctx = drafts.context_for(application)
    return redirect(step_url(application, wizard.first_open_step(flow_for(application.measure).flow, ctx)))


@bp.get("/aanvragen/<int:application_id>/dienstverleners")
@enterprise_required
def providers(application_id):
    """The recognised service providers whose name or municipality contains the search text."""
    application = load(application_id)
    if not is_fragment_request():  # a plain request wants a page: the step the search belongs to
        return redirect(url_for("wizard.step", application_id=application.id, step_key="begeleiding",
                                provider_zoek=request.args.get("provider_zoek", "")))
    query = request.args.get("provider_zoek", "").strip().lower()
    options = [(code, label) for code, label in drafts.WizardState(application).providers() if query in label.lower()]
    return render_template("wizard/_provider_options.html", options=options, selected=request.args.get("provider", ""))
