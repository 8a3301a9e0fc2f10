"""
The journey's main steps with the keyboard alone: every stop of Tab shows
where the focus is, focus moves to what changed and to the first error, and
the page announces what htmx changed through its live regions.
"""

import re

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD

from .steps import Visitor

pytestmark = pytest.mark.browser


def url(pattern):
    return re.compile(rf"^https?://[^/]+{pattern}$")


def test_keyboard_alone_signs_in_names_labels_and_adds_a_series(
    page, user, sample, poster
):
    visitor = Visitor(page)
    visitor.open("/accounts/login/")
    visitor.tab_to(page.get_by_label("Email"))
    visitor.type(user.email)
    visitor.tab_to(page.get_by_label("Password"))
    visitor.type(PASSWORD)
    visitor.press("Enter")

    expect(page).to_have_url(url("/"))

    visitor.tab_to(page.get_by_role("link", name="Tags", exact=True))
    visitor.press("Enter")
    visitor.tab_to(visitor.new_label_field)
    visitor.type("Thriller")
    visitor.press_and_swap("Enter")

    expect(visitor.label_row("Thriller")).to_be_visible()
    expect(visitor.new_label_field).to_be_focused()
    expect(visitor.messages).to_have_attribute("aria-live", "polite")
    expect(visitor.messages).to_contain_text("“Thriller” added.")
    expect(visitor.label_count).to_have_attribute("aria-live", "polite")
    expect(visitor.label_count).to_have_text("3 tags")

    visitor.tab_to(page.get_by_role("link", name="Rename Thriller"))
    visitor.press_and_swap("Enter")

    expect(visitor.label_name_field).to_be_focused()

    visitor.type("Mystery")
    visitor.press_and_swap("Enter")

    expect(visitor.label_row("Mystery")).to_be_visible()
    expect(visitor.messages).to_contain_text("Renamed to “Mystery”.")
    expect(visitor.label_row("Mystery").locator(":focus")).to_have_count(1)
    assert visitor.focus_is_visible()

    visitor.tab_to(page.get_by_role("link", name="Rename Drama"), backwards=True)
    visitor.press_and_swap("Enter")
    visitor.type("Nope")
    visitor.press_and_swap("Escape")

    expect(visitor.label_name_field).to_have_count(0)
    expect(visitor.label_row("Drama")).to_be_visible()
    expect(visitor.label_row("Drama").locator(":focus")).to_have_count(1)
    assert visitor.focus_is_visible()

    visitor.tab_to(page.get_by_role("link", name="Series catalog"), backwards=True)
    visitor.press("Enter")
    visitor.tab_to(page.get_by_role("link", name="Add a series"))
    visitor.press("Enter")

    expect(page.get_by_label("Title")).to_be_focused()

    visitor.type("Better Call Saul")
    visitor.tab_to(page.get_by_label("Rating"))
    visitor.type("11")
    visitor.tab_to(page.get_by_role("checkbox", name="Mystery"))
    visitor.press("Space")
    visitor.tab_to(page.get_by_role("button", name="Add series"))
    visitor.press("Enter")

    expect(page.get_by_label("Rating")).to_be_focused()
    assert page.get_by_label("Rating").evaluate("(field) => field.validationMessage")
    assert not any("/series/new/" in sent for sent in visitor.htmx_requests)

    visitor.type("8")
    visitor.press_and_swap("Enter")

    expect(page).to_have_url(url(r"/series/\d+/"))
    expect(visitor.messages).to_contain_text("“Better Call Saul” added.")
    expect(page.get_by_role("link", name="Mystery", exact=True)).to_be_visible()

    visitor.tab_to(page.get_by_label("Poster image"))
    visitor.choose_file(poster)
    visitor.tab_to(page.get_by_role("button", name="Upload poster"))
    visitor.press_and_swap("Enter")

    expect(visitor.poster).to_be_visible()
    expect(visitor.messages).to_contain_text("Poster saved.")
    expect(visitor.poster_part.locator(":focus")).to_have_count(1)
    assert visitor.focus_is_visible()

    visitor.tab_to(page.get_by_role("link", name="← Your series"))
    visitor.press("Enter")
    visitor.tab_to(page.locator("summary").filter(has_text="Tags"))
    visitor.press("Enter")
    visitor.tab_to(page.get_by_role("checkbox", name="Mystery"))
    visitor.press_and_swap("Space")

    expect(page).to_have_url(url(r"/series/\?tags=\d+"))
    expect(visitor.series_count).to_have_attribute("aria-live", "polite")
    expect(visitor.series_count).to_have_text("1 series found")
    expect(page.get_by_role("checkbox", name="Mystery")).to_be_focused()

    visitor.tab_to(page.get_by_role("link", name="Tag: Mystery (remove)"))
    visitor.press_and_swap("Enter")

    expect(page).to_have_url(url("/series/"))
    expect(visitor.series_count).to_have_text("2 series")
    expect(page.get_by_role("main")).to_be_focused()

    visitor.tab_to(page.get_by_role("button", name="Log out"), backwards=True)
    visitor.press("Enter")

    expect(page).to_have_url(url("/accounts/login/"))


def test_series_form_errors_from_the_server_take_focus(signed_in_page, sample):
    page = signed_in_page
    visitor = Visitor(page)
    visitor.open(f"/series/{sample.series.pk}/edit/")
    visitor.tab_to(page.get_by_label("Title"))
    visitor.type("   ")
    visitor.tab_to(page.get_by_role("button", name="Save changes"))
    visitor.press_and_swap("Enter")

    expect(page.get_by_text("This field is required.")).to_be_visible()
    expect(page.get_by_label("Title")).to_be_focused()


def test_poster_form_error_takes_focus(signed_in_page, sample):
    page = signed_in_page
    visitor = Visitor(page)
    visitor.open(f"/series/{sample.series.pk}/")
    visitor.tab_to(page.get_by_role("button", name="Upload poster"))
    visitor.press_and_swap("Enter")

    expect(page.get_by_text("Choose an image to upload.")).to_be_visible()
    expect(page.get_by_label("Poster image")).to_be_focused()


def test_removing_the_poster_keeps_focus_in_the_poster_part(
    signed_in_page, sample, poster
):
    page = signed_in_page
    visitor = Visitor(page)
    visitor.open(f"/series/{sample.series.pk}/")
    visitor.upload_poster(poster)
    visitor.tab_to(page.get_by_role("button", name="Remove poster"))
    visitor.press_and_swap("Enter")

    expect(visitor.messages).to_contain_text("Poster removed.")
    expect(visitor.poster_part.locator(":focus")).to_have_count(1)
