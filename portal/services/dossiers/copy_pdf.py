"""A copy of what was submitted, as a PDF (fpdf2, pinned ~=2.8.9, rendered here, no service over the
network): the application's number, who applied, the date and time of receipt, every answer with the
labels the applicant saw, and the documents. For an evaluation or a reconsideration request also
what it asks. Built from the stored answers each time: a submitted application is immutable."""

from fpdf import FPDF

from portal.domain.evaluations import KINDS as EVALUATION_KINDS
from portal.domain.identifiers import format_enterprise_number
from portal.domain.measures import get_measure
from portal.models import Application
from portal.services.dossiers import answers
from portal.templating import long_date, timestamp

# The PDF's core font (Helvetica) speaks Latin-1: typographic punctuation becomes its plain form.
PLAIN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "•": "*", "€": "EUR"})


def _text(value) -> str:
    return str(value).translate(PLAIN).encode("latin-1", "replace").decode("latin-1")


class _Copy(FPDF):
    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 10, _text(f"Departement Werk en Sociale Economie - WSE-loket - pagina {self.page_no()}"),
                  align="C")


def render(application: Application) -> bytes:
    pdf = _Copy(format="A4")
    pdf.set_title(_text(f"Aanvraag {application.number}"))
    pdf.set_author("Departement Werk en Sociale Economie")
    pdf.set_compression(False)  # plain text inside: searchable, and checked by the browser test
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, _text(f"Kopie van uw aanvraag {application.number}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    measure = get_measure(application.measure)
    enterprise = application.enterprise
    lines = [("Maatregel", measure.title),
             ("Aanvrager", f"{enterprise.name} ({format_enterprise_number(enterprise.number)})"
                           + (f", {application.establishment.name}" if application.establishment else "")),
             ("Ontvangen op", timestamp(application.submitted_at)
              + (" (papieren aanvraag, ontvangen op " + long_date(application.applied_on) + ")"
                 if application.paper else ""))]
    if application.parent is not None:
        lines.append(("Over dossier", application.parent.number))
    kind = application.answer("evaluatie", "soort")
    if kind:
        lines.append(("Aanvraag tot", EVALUATION_KINDS.get(kind, kind)))
    if application.kind == "heroverweging":
        lines.append(("Aanvraag tot", "Heroverweging van de weigering door VDAB"))
    motivation = application.answer(application.kind, "toelichting")
    if motivation:
        lines.append(("Toelichting", motivation))
    if application.answer("vop_evaluatie", "dossier"):
        lines.append(("Evaluatie van", f"VOP-dossier {application.answer('vop_evaluatie', 'dossier')}"))
    _rows(pdf, lines)
    for title, rows in answers.readable(application):
        _heading(pdf, title)
        _rows(pdf, rows)
    _heading(pdf, "Documenten")
    if application.documents:
        _rows(pdf, [(doc.original_name, f"opgeladen op {long_date(doc.created_at)}") for doc in application.documents])
    else:
        _rows(pdf, [("Geen documenten", "")])
    return bytes(pdf.output())


def _heading(pdf: FPDF, title: str) -> None:
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 12)
    pdf.multi_cell(0, 7, _text(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)


def _rows(pdf: FPDF, rows) -> None:
    label_width = 60
    for label, value in rows:
        y = pdf.get_y()
        pdf.set_font("Helvetica", "B", 10)
        pdf.multi_cell(label_width, 5.5, _text(label), new_x="RIGHT", new_y="TOP")
        after_label = pdf.get_y()
        pdf.set_font("Helvetica", size=10)
        pdf.set_xy(pdf.l_margin + label_width, y)
        pdf.multi_cell(0, 5.5, _text(value or ""), new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(max(pdf.get_y(), after_label + 5.5 if after_label > y else pdf.get_y()))
