"""
Every page, with and without form errors, and the tags and series pages after
each htmx swap, pass the Nu HTML checker; only its notes on htmx's ``hx-*``
attributes are ignored.
"""

import pytest

from .pages import (
    PAGES_FOR_MEMBERS,
    PAGES_FOR_VISITORS,
    SERIES_STATES,
    TAG_LIST_STATES,
)
from .steps import Visitor

pytestmark = pytest.mark.html


def cases(names):
    return [pytest.param(name) for name in names]


# Plain (JavaScript-off) POSTs that the app answers with the page and errors.
FORMS_WITH_ERRORS_FOR_VISITORS = {
    "login": ("/accounts/login/", {"username": "nobody@example.com"}),
    "signup": ("/accounts/signup/", {"email": "not an email", "password1": "x"}),
    "password-reset": ("/accounts/password/reset/", {"email": "not an email"}),
}
FORMS_WITH_ERRORS_FOR_MEMBERS = {
    "profile": ("/accounts/profile/", {"name": "", "email": "not an email"}),
    "password-change": ("/accounts/password/", {"old_password": "wrong"}),
    "tags": ("/tags/", {"name": "drama"}),
    "characters": ("/characters/", {"name": ""}),
    "tag-rename": ("/tags/{tag.pk}/edit/", {"name": "Comedy"}),
}


@pytest.mark.parametrize("name", PAGES_FOR_VISITORS)
def test_page_for_visitors_is_valid_html(client, html_checker, name):
    response = client.get(PAGES_FOR_VISITORS[name])

    report = html_checker.report(response.content.decode(), name)

    assert not report, report


@pytest.mark.parametrize("name", cases(PAGES_FOR_MEMBERS))
def test_page_for_members_is_valid_html(auth_client, sample, html_checker, name):
    response = auth_client.get(PAGES_FOR_MEMBERS[name].format(**vars(sample)))

    report = html_checker.report(response.content.decode(), name)

    assert response.status_code == 200
    assert not report, report


@pytest.mark.parametrize("name", FORMS_WITH_ERRORS_FOR_VISITORS)
def test_form_with_errors_for_visitors_is_valid_html(client, html_checker, name):
    path, data = FORMS_WITH_ERRORS_FOR_VISITORS[name]
    response = client.post(path, data)

    report = html_checker.report(response.content.decode(), f"{name} with errors")

    assert response.status_code == 200
    assert not report, report


@pytest.mark.parametrize("name", cases(FORMS_WITH_ERRORS_FOR_MEMBERS))
def test_form_with_errors_for_members_is_valid_html(
    auth_client, sample, html_checker, name
):
    path, data = FORMS_WITH_ERRORS_FOR_MEMBERS[name]
    response = auth_client.post(path.format(**vars(sample)), data)

    report = html_checker.report(response.content.decode(), f"{name} with errors")

    assert response.status_code == 200
    assert not report, report


@pytest.mark.browser
@pytest.mark.parametrize("state", cases(TAG_LIST_STATES))
def test_tags_page_after_htmx_swap_is_valid_html(
    signed_in_page, sample, html_checker, state
):
    visitor = Visitor(signed_in_page)
    visitor.open("/tags/")
    TAG_LIST_STATES[state](visitor)

    report = html_checker.report(signed_in_page.content(), f"tags page, {state}")

    assert not report, report


@pytest.mark.browser
@pytest.mark.parametrize("state", cases(SERIES_STATES))
def test_series_page_after_htmx_swap_is_valid_html(
    signed_in_page, sample, poster, html_checker, state
):
    visitor = Visitor(signed_in_page)
    path, action = SERIES_STATES[state]
    visitor.open(path.format(**vars(sample)))
    action(visitor, poster)

    report = html_checker.report(signed_in_page.content(), f"series page, {state}")

    assert not report, report
