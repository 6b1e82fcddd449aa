"""CSRF protection on every form, including htmx requests (token in the X-CSRFToken header)."""

import re


from tests import support


def test_a_post_without_token_is_refused_in_dutch(csrf_client, make):
    make.user("els", enterprise=make.enterprise(), rights=("im",))
    response = csrf_client.post("/aanmelden", data={"login": "els", "password": "geheim"})
    assert response.status_code == 400
    assert "Uw sessie is verlopen of het formulier was niet meer geldig" in response.get_data(as_text=True)


def test_form_token_and_htmx_header_token_are_accepted(csrf_client, make):
    make.user("els", enterprise=make.enterprise(), rights=("im",))
    page = csrf_client.get("/aanmelden").get_data(as_text=True)
    token = re.search(r'<input name="csrf_token" type="hidden" value="([^"]+)">', page).group(1)  # no id: see Form.hidden_tag
    login = csrf_client.post("/aanmelden", data={"login": "els", "password": "geheim", "csrf_token": token})
    assert login.status_code == 303
    start_page = csrf_client.get("/aanvraag").get_data(as_text=True)
    header_token = support.csrf_token(start_page)
    refused = csrf_client.post("/aanvraag/im/nieuw")
    assert refused.status_code == 400
    accepted = csrf_client.post("/aanvraag/im/nieuw", headers={"X-CSRFToken": header_token, "HX-Request": "true"})
    assert accepted.status_code == 303, accepted.get_data(as_text=True)[-600:]
