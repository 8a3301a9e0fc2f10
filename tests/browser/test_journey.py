"""
One person's journey through the app, once with JavaScript on (htmx updates
in place) and once with it off (plain forms, links and redirects).
"""

import re

import pytest
from playwright.sync_api import expect

from .steps import Visitor

pytestmark = pytest.mark.browser

EMAIL = "ada@example.com"
NAME = "Ada"
PASSWORD = "a-long-unusual-passphrase-7"


def url(pattern):
    """Match the page's URL by its path (and query) alone."""
    return re.compile(rf"^https?://[^/]+{pattern}$")


def test_journey_with_javascript_updates_in_place_and_keeps_focus(page):
    visitor = Visitor(page)

    visitor.sign_up(EMAIL, NAME, PASSWORD)

    expect(page).to_have_url(url("/"))
    expect(visitor.messages).to_contain_text(f"Welcome, {NAME}!")

    visitor.go_to("Tags")
    visitor.mark_page()
    visitor.add_label("Drama")
    visitor.add_label("Comedy")

    expect(visitor.label_row("Drama")).to_be_visible()
    expect(visitor.label_row("Comedy")).to_be_visible()
    expect(visitor.messages).to_contain_text("“Comedy” added.")
    expect(visitor.new_label_field).to_be_focused()
    expect(visitor.new_label_field).to_have_value("")

    visitor.add_label("drama")

    expect(page.get_by_text("You already have a tag named “Drama”.")).to_be_visible()
    expect(visitor.new_label_field).to_be_focused()
    expect(visitor.new_label_field).to_have_value("drama")
    expect(visitor.new_label_field).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("listitem")).to_have_count(2)
    assert not visitor.page_was_reloaded()

    visitor.go_to("Characters")
    visitor.mark_page()
    visitor.add_label("Walter White")
    visitor.add_label("Jesse Pinkman")
    visitor.rename_label("Walter White", "Heisenberg")

    expect(visitor.label_row("Heisenberg")).to_be_visible()
    expect(visitor.label_row("Walter White")).to_have_count(0)
    expect(visitor.messages).to_contain_text("Renamed to “Heisenberg”.")
    expect(visitor.label_row("Heisenberg").locator(":focus")).to_have_count(1)

    visitor.start_rename("Jesse Pinkman")
    expect(visitor.label_name_field).to_be_focused()
    visitor.label_name_field.fill("Jesse")
    visitor.cancel_rename_with_escape()

    expect(visitor.label_name_field).to_have_count(0)
    expect(visitor.label_row("Jesse Pinkman")).to_be_visible()
    expect(visitor.label_row("Jesse Pinkman").locator(":focus")).to_have_count(1)
    assert not visitor.page_was_reloaded()

    visitor.go_to("Tags")
    visitor.mark_page()
    visitor.type_search("dra")

    expect(page).to_have_url(url(r"/tags/\?q=dra"))
    expect(visitor.label_row("Drama")).to_be_visible()
    expect(visitor.label_row("Comedy")).to_have_count(0)

    visitor.start_delete("Drama")

    expect(page.get_by_text("Delete “Drama”?")).to_be_visible()
    expect(visitor.delete_button).to_be_focused()

    visitor.confirm_delete()

    expect(visitor.messages).to_contain_text("“Drama” deleted.")
    expect(visitor.label_row("Drama")).to_have_count(0)
    assert not visitor.page_was_reloaded()

    visitor.log_out()

    expect(page).to_have_url(url("/accounts/login/"))


def test_journey_without_javascript_works_through_forms_and_links(page_without_js):
    page = page_without_js
    visitor = Visitor(page)

    visitor.sign_up(EMAIL, NAME, PASSWORD)

    expect(page).to_have_url(url("/"))
    expect(visitor.messages).to_contain_text(f"Welcome, {NAME}!")

    visitor.go_to("Tags")
    visitor.add_label("Drama")

    expect(page).to_have_url(url("/tags/"))
    expect(visitor.messages).to_contain_text("“Drama” added.")

    visitor.add_label("Comedy")
    visitor.add_label("drama")

    expect(page.get_by_text("You already have a tag named “Drama”.")).to_be_visible()
    expect(visitor.new_label_field).to_have_value("drama")
    expect(visitor.label_row("Drama")).to_be_visible()
    expect(visitor.label_row("Comedy")).to_be_visible()
    expect(page.get_by_role("listitem")).to_have_count(2)

    visitor.go_to("Characters")
    visitor.add_label("Walter White")
    visitor.add_label("Jesse Pinkman")
    visitor.start_rename("Walter White")

    expect(page).to_have_url(url(r"/characters/\d+/edit/"))
    expect(page.get_by_role("heading", name="Rename “Walter White”")).to_be_visible()

    visitor.save_rename("Heisenberg")

    expect(page).to_have_url(url("/characters/"))
    expect(visitor.messages).to_contain_text("Renamed to “Heisenberg”.")
    expect(visitor.label_row("Heisenberg")).to_be_visible()

    visitor.start_rename("Jesse Pinkman")
    visitor.click_link("Back to your characters")

    expect(page).to_have_url(url("/characters/"))
    expect(visitor.label_row("Jesse Pinkman")).to_be_visible()

    visitor.go_to("Tags")
    visitor.type_search("dra")
    visitor.press_button("Search")

    expect(page).to_have_url(url(r"/tags/\?q=dra"))
    expect(visitor.label_row("Drama")).to_be_visible()
    expect(visitor.label_row("Comedy")).to_have_count(0)

    visitor.start_delete("Drama")

    expect(page).to_have_url(url(r"/tags/\d+/delete/"))
    expect(page.get_by_role("heading", name="Delete “Drama”?")).to_be_visible()

    visitor.confirm_delete()

    expect(page).to_have_url(url("/tags/"))
    expect(visitor.messages).to_contain_text("“Drama” deleted.")
    expect(visitor.label_row("Drama")).to_have_count(0)
    expect(visitor.label_row("Comedy")).to_be_visible()

    visitor.log_out()

    expect(page).to_have_url(url("/accounts/login/"))
    assert visitor.htmx_requests == []
