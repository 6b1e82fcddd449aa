"""The individueel-maatwerk wizard through plain form posts (the no-JavaScript path)."""

import io
import re

import pytest

from portal.extensions import db
from portal.models import Application, Document, Enterprise, ServiceProvider
from tests import files, support

CONTACT = {"name": "Els Peeters", "email": "els@bakkerij-peeters.be", "phone": "015 12 34 56"}
EMPLOYEE = {"national_number": "85.07.30-033.28", "first_name": "Pieter", "last_name": "Wouters",
            "start_date": "2025-03-01", "street": "Bruul 12", "postcode": "2800", "municipality": "Mechelen",
            "hours": "38"}


@pytest.fixture
def employer(make, auth):
    bakery = make.enterprise("Bakkerij Peeters NV", "0403170701")
    make.user("els", enterprise=bakery, rights=("im",))
    auth.login("els")
    return bakery


def start(client) -> int:
    response = client.post("/aanvraag/im/nieuw")
    assert response.status_code == 303
    return int(re.search(r"/aanvragen/(\d+)/", response.headers["Location"]).group(1))


def post(client, app_id, step, data):
    return client.post(f"/aanvragen/{app_id}/{step}", data=data)


def fill_until_documents(client, app_id, premie="loonpremie", iban="BE71 0961 2345 6769"):
    assert post(client, app_id, "contact", CONTACT).status_code == 303
    assert post(client, app_id, "werknemer", EMPLOYEE).status_code == 303
    response = post(client, app_id, "premie", {"premie": premie})
    assert response.status_code == 303
    if iban:
        assert post(client, app_id, "rekening", {"iban": iban}).headers["Location"].endswith("/documenten")


def test_employer_completes_a_loonpremie_application(client, employer):
    app_id = start(client)
    fill_until_documents(client, app_id)
    assert client.post(f"/aanvragen/{app_id}/documenten/verder").headers["Location"].endswith("/overzicht")
    review = client.get(f"/aanvragen/{app_id}/overzicht").get_data(as_text=True)
    assert "Pieter" in review and "Loonpremie" in review and "Wijzig" in review
    refused = client.post(f"/aanvragen/{app_id}/overzicht", data={})
    assert refused.status_code == 422
    assert "Vink de verklaring aan" in refused.get_data(as_text=True)
    support.confirm_contact(app_id)
    done = client.post(f"/aanvragen/{app_id}/overzicht", data={"declaration": "y"})
    assert done.headers["Location"].endswith("/ontvangstbewijs")
    application = db.session.get(Application, app_id)
    assert application.state == "ingediend" and application.number.startswith("IM-")
    assert application.number in client.get(done.headers["Location"]).get_data(as_text=True)
    assert db.session.get(Enterprise, employer.id).iban == "BE71 0961 2345 6769"


def test_step_indicator_and_errors_keep_what_was_entered(client, employer):
    app_id = start(client)
    page = client.get(f"/aanvragen/{app_id}/contact").get_data(as_text=True)
    assert "Stap 1 van 5" in page
    response = post(client, app_id, "contact", {"name": "Els", "email": "geen-adres", "phone": "12"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Vul een geldig e-mailadres in" in page and "telefoonnummer" in page
    assert 'value="geen-adres"' in page and 'value="Els"' in page
    assert 'href="#email"' in page  # linked from the error summary


def test_inline_check_reports_only_the_field_left(client, employer):
    app_id = start(client)
    response = client.post(f"/aanvragen/{app_id}/contact/controle?veld=email", data={"email": "x"},
                           headers={"HX-Request": "true"})
    page = response.get_data(as_text=True)
    assert "Vul een geldig e-mailadres in" in page
    assert "Vul de naam van de contactpersoon in" not in page


def test_national_number_with_wrong_check_digit(client, employer):
    app_id = start(client)
    post(client, app_id, "contact", CONTACT)
    response = post(client, app_id, "werknemer", {**EMPLOYEE, "national_number": "85.07.30-033.29"})
    assert response.status_code == 422
    assert "controlegetal klopt niet" in response.get_data(as_text=True)


@pytest.mark.parametrize("typed, message", [
    ("0002-01-02", "Deze datum ligt te ver in het verleden. Vul een datum vanaf 01/01/1950 in"),
    ("1949-12-31", "Deze datum ligt te ver in het verleden. Vul een datum vanaf 01/01/1950 in"),
    ("2027-11-24", "Deze datum ligt te ver in de toekomst. Vul een datum tot en met 23/11/2027 in"),
    ("20260-03-01", "Ongeldige datum."),  # five digits of year: not a date at all
])
def test_an_absurd_hiring_date_is_refused_next_to_the_field(client, employer, app, typed, message):
    """A date typed by keyboard in an en-US browser arrived as 0002-01-02 and was stored: a hiring
    date before 1 January 1950 or more than a year ahead is refused, with what was typed kept."""
    app.config["LOKET_TODAY"] = "2026-11-23"
    app_id = start(client)
    post(client, app_id, "contact", CONTACT)
    response = post(client, app_id, "werknemer", {**EMPLOYEE, "start_date": typed})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page and 'href="#start_date"' in page and 'value="Pieter"' in page
    assert "werknemer" not in (db.session.get(Application, app_id).answers or {})
    for edge in ("1950-01-01", "2027-11-23"):
        assert post(client, app_id, "werknemer", {**EMPLOYEE, "start_date": edge}).status_code == 303


def test_a_later_step_cannot_be_opened_before_the_earlier_ones(client, employer):
    app_id = start(client)
    assert client.get(f"/aanvragen/{app_id}/premie").headers["Location"].endswith("/contact")


def test_second_application_for_the_same_employee_links_to_the_first(client, employer):
    first = start(client)
    fill_until_documents(client, first)
    second = start(client)
    post(client, second, "contact", CONTACT)
    response = post(client, second, "werknemer", EMPLOYEE)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Er loopt al een aanvraag voor deze werknemer" in page
    assert f"/aanvragen/{first}" in page


def test_bank_step_is_skipped_once_the_enterprise_has_an_account(client, employer):
    first = start(client)
    fill_until_documents(client, first)
    support.confirm_contact(first)
    client.post(f"/aanvragen/{first}/overzicht", data={"declaration": "y"})
    second = start(client)
    post(client, second, "contact", CONTACT)
    post(client, second, "werknemer", {**EMPLOYEE, "national_number": "90.02.15-123.70"})
    response = post(client, second, "premie", {"premie": "loonpremie"})
    assert response.headers["Location"].endswith("/documenten")
    account_step = client.get(f"/aanvragen/{second}/rekening")
    assert account_step.status_code == 303 and account_step.headers["Location"].endswith("/documenten")
    review = client.get(f"/aanvragen/{second}/overzicht").get_data(as_text=True)
    assert "BE71 •••• •••• 6769" in review


def test_the_account_step_posted_after_a_colleague_made_the_account_known_goes_on(client, employer):
    """Two drafts of one enterprise: the second stands at its account step when the first is
    submitted with the enterprise's account. Its IBAN posted then is not needed any more: the
    applicant goes on to the documents, told why, and the known account stays."""
    first = start(client)
    fill_until_documents(client, first)
    support.confirm_contact(first)
    second = start(client)
    post(client, second, "contact", CONTACT)
    post(client, second, "werknemer", {**EMPLOYEE, "national_number": "90.02.15-123.70"})
    assert post(client, second, "premie", {"premie": "loonpremie"}).headers["Location"].endswith("/rekening")
    assert client.get(f"/aanvragen/{second}/rekening").status_code == 200
    assert client.post(f"/aanvragen/{first}/overzicht", data={"declaration": "y"}).status_code == 303

    response = post(client, second, "rekening", {"iban": "BE68 5390 0754 7034"})

    assert response.status_code == 303 and response.headers["Location"].endswith(f"/aanvragen/{second}/documenten")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "De stap ‘Rekeningnummer’ is voor deze aanvraag niet meer nodig" in page
    assert db.session.get(Application, second).answer("rekening", "iban") is None
    assert "BE71 •••• •••• 6769" in client.get(f"/aanvragen/{second}/overzicht").get_data(as_text=True)


def test_guidance_with_internal_guide_requires_the_proof_upload(client, employer):
    app_id = start(client)
    fill_until_documents(client, app_id, premie="loonpremie_begeleiding", iban=None)
    response = post(client, app_id, "begeleiding", {"guide_type": "intern", "coach_name": "Jan"})
    assert response.status_code == 422
    assert "Vul de naam van de interne begeleider in." in response.get_data(as_text=True)
    post(client, app_id, "begeleiding", {"guide_type": "intern", "guide_name": "Mia", "coach_name": "Jan"})
    post(client, app_id, "rekening", {"iban": "BE71096123456769"})
    missing = client.post(f"/aanvragen/{app_id}/documenten/verder")
    assert missing.status_code == 422
    assert "Bewijs van kwalificatie" in missing.get_data(as_text=True)
    upload = client.post(f"/aanvragen/{app_id}/documenten", content_type="multipart/form-data",
                         data={"kind": "kwalificatie", "bestand": (io.BytesIO(files.pdf()), "Attest Mia Ñ.pdf")})
    assert upload.status_code == 303
    assert "Attest Mia Ñ.pdf" in client.get(f"/aanvragen/{app_id}/documenten").get_data(as_text=True)
    assert client.post(f"/aanvragen/{app_id}/documenten/verder").headers["Location"].endswith("/overzicht")


def test_service_provider_is_picked_from_the_list(client, employer):
    db.session.add(ServiceProvider(code="GTB-ANT", name="GTB Antwerpen", city="Antwerpen"))
    db.session.commit()
    app_id = start(client)
    fill_until_documents(client, app_id, premie="loonpremie_begeleiding", iban=None)
    assert "GTB Antwerpen (Antwerpen)" in client.get(f"/aanvragen/{app_id}/begeleiding").get_data(as_text=True)
    response = post(client, app_id, "begeleiding", {"guide_type": "dienstverlener", "coach_name": "Jan"})
    assert "Kies de erkende dienstverlener uit de lijst." in response.get_data(as_text=True)
    response = post(client, app_id, "begeleiding", {"guide_type": "dienstverlener", "provider": "GTB-ANT", "coach_name": "Jan"})
    assert response.status_code == 303
    post(client, app_id, "rekening", {"iban": "BE71096123456769"})
    assert "GTB Antwerpen (Antwerpen)" in client.get(f"/aanvragen/{app_id}/overzicht").get_data(as_text=True)


def test_refused_uploads_say_why_next_to_the_field(client, employer):
    app_id = start(client)
    fill_until_documents(client, app_id)
    too_big = client.post(f"/aanvragen/{app_id}/documenten", content_type="multipart/form-data",
                          data={"kind": "extra", "bestand": (io.BytesIO(files.pdf(5 * 1024 * 1024)), "groot.pdf")})
    assert too_big.status_code == 422 and "hoogstens 4 MB" in too_big.get_data(as_text=True)
    exe = client.post(f"/aanvragen/{app_id}/documenten", content_type="multipart/form-data",
                      data={"kind": "extra", "bestand": (io.BytesIO(files.EXE), "brief.pdf")})
    assert exe.status_code == 422 and "geen echt PDF- of Word-document" in exe.get_data(as_text=True)
    assert db.session.query(Document).count() == 0
    too_big.request.input_stream.close()  # the test client spools the 5 MB body to a temporary file


def test_after_an_upload_the_page_says_so_where_the_file_is_listed_and_focuses_it(client, employer):
    """Without JavaScript (a plain post) and with it (the chunked upload's next page): the reloaded
    page names the uploaded file in a status next to its list, focused (autofocus), so a keyboard
    or screen-reader user is not sent back to the top of the page."""
    app_id = start(client)
    fill_until_documents(client, app_id)
    plain = client.post(f"/aanvragen/{app_id}/documenten",
                        data={"kind": "extra", "bestand": (io.BytesIO(files.pdf()), "bijlage één.pdf")})
    document = db.session.scalars(db.select(Document).filter_by(application_id=app_id)).one()
    assert plain.headers["Location"].endswith(f"/documenten?opgeladen={document.id}#opgeladen-extra")
    page = client.get(plain.headers["Location"]).get_data(as_text=True)
    status = re.search(r'<p class="notice" id="opgeladen-extra" role="status" tabindex="-1" autofocus>([^<]*)</p>', page)
    assert status and status.group(1).startswith("Opgeladen: bijlage")
    assert "autofocus" not in client.get(f"/aanvragen/{app_id}/documenten").get_data(as_text=True)


def test_chunked_upload_resumes_at_its_offset(client, employer):
    app_id = start(client)
    fill_until_documents(client, app_id)
    content = files.pdf(600_000)
    opened = client.post(f"/aanvragen/{app_id}/uploads", data={"kind": "extra", "name": "plan.pdf", "size": len(content)})
    url, offset = opened.json["url"], opened.json["offset"]
    assert offset == 0
    first = client.put(url, data=content[:300_000], headers={"Content-Range": f"bytes 0-299999/{len(content)}"})
    assert first.json == {"offset": 300_000}
    # The connection drops; the browser asks again for the same file and resumes where it stopped.
    again = client.post(f"/aanvragen/{app_id}/uploads", data={"kind": "extra", "name": "plan.pdf", "size": len(content)})
    assert again.json["offset"] == 300_000 and again.json["url"] == url
    wrong = client.put(url, data=content[:10], headers={"Content-Range": f"bytes 0-9/{len(content)}"})
    assert wrong.status_code == 409 and wrong.json["offset"] == 300_000
    last = client.put(url, data=content[300_000:], headers={"Content-Range": f"bytes 300000-{len(content) - 1}/{len(content)}"})
    assert last.json["done"] is True
    document = db.session.scalar(db.select(Document))
    assert document.original_name == "plan.pdf" and document.size == len(content)


def test_chunked_upload_refuses_too_large_up_front(client, employer):
    app_id = start(client)
    fill_until_documents(client, app_id)
    response = client.post(f"/aanvragen/{app_id}/uploads", data={"kind": "extra", "name": "x.pdf", "size": 5 * 1024 * 1024})
    assert response.status_code == 422 and "hoogstens 4 MB" in response.json["error"]


def test_download_keeps_the_original_name_and_is_safe(client, employer):
    app_id = start(client)
    fill_until_documents(client, app_id)
    client.post(f"/aanvragen/{app_id}/documenten", content_type="multipart/form-data",
                data={"kind": "extra", "bestand": (io.BytesIO(files.docx()), "Verslag été.docx")})
    document = db.session.scalar(db.select(Document))
    response = client.get(f"/aanvragen/{app_id}/documenten/{document.id}")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert "Verslag%20%C3%A9t%C3%A9.docx" in response.headers["Content-Disposition"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.get_data() == files.docx() or response.get_data()[:2] == b"PK"
    response.close()


def test_another_enterprise_cannot_see_or_touch_the_draft_or_its_files(client, employer, make, auth):
    app_id = start(client)
    fill_until_documents(client, app_id)
    client.post(f"/aanvragen/{app_id}/documenten", content_type="multipart/form-data",
                data={"kind": "extra", "bestand": (io.BytesIO(files.pdf()), "geheim.pdf")})
    document = db.session.scalar(db.select(Document))
    cleaners = make.enterprise("Schoonmaak", "0876543270")
    make.user("marc", enterprise=cleaners, rights=("im",))
    client.post("/afmelden")
    auth.login("marc")
    for path in (f"/aanvragen/{app_id}", f"/aanvragen/{app_id}/contact", f"/aanvragen/{app_id}/overzicht",
                 f"/aanvragen/{app_id}/documenten/{document.id}", f"/aanvragen/{app_id}/documenten"):
        response = client.get(path)
        assert response.status_code == 404, path
        response.close()
    assert post(client, app_id, "contact", CONTACT).status_code == 404
    assert "Pieter" not in client.get("/aanvragen").get_data(as_text=True)


def test_a_submitted_application_is_immutable(client, employer):
    app_id = start(client)
    fill_until_documents(client, app_id)
    support.confirm_contact(app_id)
    client.post(f"/aanvragen/{app_id}/overzicht", data={"declaration": "y"})
    response = post(client, app_id, "contact", {**CONTACT, "name": "Iemand anders"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/ontvangstbewijs")
    assert db.session.get(Application, app_id).answer("contact", "name") == "Els Peeters"
    assert client.get(f"/aanvragen/{app_id}").headers["Location"] == f"/dossiers/{app_id}"


def test_my_applications_lists_drafts_with_what_is_missing(client, employer):
    app_id = start(client)
    post(client, app_id, "contact", CONTACT)
    page = client.get("/aanvragen").get_data(as_text=True)
    assert "Nog niet ingediend" in page and "Vul de stap ‘Werknemer’ in." in page
    assert client.get(f"/aanvragen/{app_id}").headers["Location"].endswith("/werknemer")


def test_school_answers_onderwijs_and_self_employed_gets_the_support_screen(client, make, auth):
    group = make.enterprise("Scholengroep", "0812345603", kind="scholengroep", schools=("School A",))
    make.user("karin", enterprise=group, rights=("im",))
    auth.login("karin")
    client.post("/school", data={"school": group.establishments[0].id})
    app_id = start(client)
    post(client, app_id, "contact", CONTACT)
    post(client, app_id, "werknemer", EMPLOYEE)
    response = post(client, app_id, "premie", {"premie": "loonpremie"})
    assert "Duid aan of de werknemer via het Departement Onderwijs tewerkgesteld is." in response.get_data(as_text=True)
    assert post(client, app_id, "premie", {"premie": "loonpremie", "onderwijs": "ja"}).status_code == 303
    assert db.session.get(Application, app_id).establishment_id == group.establishments[0].id


def test_the_bank_is_named_when_the_iban_is_checked(client, employer):
    app_id = start(client)
    fill_until_documents(client, app_id, iban=None)
    response = client.post(f"/aanvragen/{app_id}/rekening/controle?veld=iban", data={"iban": "BE71096123456769"},
                           headers={"HX-Request": "true"})
    assert "Bank: BELFIUS BANK" in response.get_data(as_text=True)
    wrong = client.post(f"/aanvragen/{app_id}/rekening/controle?veld=iban", data={"iban": "BE71096123456768"},
                        headers={"HX-Request": "true"})
    assert "Dit rekeningnummer klopt niet." in wrong.get_data(as_text=True)


def test_service_providers_can_be_searched(client, employer):
    for code, name, city in (("A", "GTB Vlaanderen", "Antwerpen"), ("B", "Jobcoaching Limburg vzw", "Hasselt")):
        db.session.add(ServiceProvider(code=code, name=name, city=city))
    db.session.commit()
    app_id = start(client)
    page = client.get(f"/aanvragen/{app_id}/dienstverleners?provider_zoek=hass", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "Jobcoaching Limburg vzw (Hasselt)" in page and "GTB" not in page
    assert "Geen dienstverlener gevonden" in client.get(f"/aanvragen/{app_id}/dienstverleners?provider_zoek=zzz", headers={"HX-Request": "true"}).get_data(as_text=True)


def test_the_provider_search_answers_a_plain_request_with_its_step_not_a_bare_option_list(client, employer):
    app_id = start(client)
    plain = client.get(f"/aanvragen/{app_id}/dienstverleners?provider_zoek=gent")
    assert plain.status_code == 302 and "/begeleiding?provider_zoek=gent" in plain.headers["Location"]
    fragment = client.get(f"/aanvragen/{app_id}/dienstverleners?provider_zoek=gent", headers={"HX-Request": "true"})
    assert fragment.get_data(as_text=True).lstrip().startswith("<option")
