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


def test_journey_with_javascript_updates_in_place_and_keeps_focus(page, poster):
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

    visitor.start_series()
    visitor.mark_page()
    visitor.fill_series(
        title="   ",
        status="Watching",
        rating=8,
        tags=["Comedy"],
        characters=["Heisenberg"],
        new_tags="Crime",
    )
    visitor.save_series()

    expect(page.get_by_text("This field is required.")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Title")).to_be_focused()
    expect(page.get_by_label("Rating")).to_have_value("8")
    expect(page.get_by_label("New tags")).to_have_value("Crime")
    expect(page.get_by_role("checkbox", name="Heisenberg")).to_be_checked()
    assert not visitor.page_was_reloaded()

    visitor.fill_series(title="Better Call Saul")
    visitor.save_series()

    expect(page).to_have_url(url(r"/series/\d+/"))
    expect(page).to_have_title(re.compile(r"^Better Call Saul · "))
    expect(visitor.messages).to_contain_text("“Better Call Saul” added.")
    for label in ("Comedy", "Crime", "Heisenberg"):
        expect(page.get_by_role("link", name=label, exact=True)).to_be_visible()
    assert not visitor.page_was_reloaded()

    visitor.upload_poster(poster)

    expect(visitor.messages).to_contain_text("Poster saved.")
    expect(visitor.poster).to_be_visible()
    expect(page.get_by_role("button", name="Replace poster")).to_be_visible()
    assert visitor.poster_is_shown()
    assert not visitor.page_was_reloaded()

    visitor.start_series()
    visitor.fill_series(title="Fargo", status="Completed")
    visitor.save_series()
    visitor.go_to("Series catalog")
    visitor.mark_page()
    visitor.filter_by("Tags", "Comedy")

    expect(page).to_have_url(url(r"/series/\?tags=\d+"))
    expect(visitor.series_count).to_have_text("1 series found")
    expect(visitor.series_card("Better Call Saul")).to_be_visible()
    expect(visitor.series_card("Fargo")).to_have_count(0)

    visitor.remove_filter("Tag: Comedy")
    visitor.filter_by("Characters", "Heisenberg")

    expect(page).to_have_url(url(r"/series/\?characters=\d+"))
    expect(visitor.series_count).to_have_text("1 series found")
    expect(visitor.series_card("Fargo")).to_have_count(0)

    visitor.remove_filter("Character: Heisenberg")
    visitor.search_series("saul")

    expect(page).to_have_url(url(r"/series/\?q=saul"))
    expect(visitor.series_count).to_have_text("1 series found")
    expect(visitor.series_card("Better Call Saul")).to_be_visible()
    expect(visitor.series_card("Fargo")).to_have_count(0)
    assert not visitor.page_was_reloaded()

    visitor.click_link("Better Call Saul")
    visitor.click_link("Edit")
    visitor.mark_page()
    visitor.fill_series(rating=9)
    visitor.save_series()

    expect(page).to_have_url(url(r"/series/\d+/"))
    expect(visitor.messages).to_contain_text("“Better Call Saul” saved.")
    expect(page.get_by_text("★ 9/10")).to_be_visible()
    assert not visitor.page_was_reloaded()

    visitor.click_link("Delete")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Delete “Better Call Saul”?"
    )

    visitor.mark_page()
    visitor.confirm_delete()

    expect(page).to_have_url(url("/series/"))
    expect(page).to_have_title(re.compile(r"^Your series · "))
    expect(visitor.messages).to_contain_text("“Better Call Saul” deleted.")
    expect(visitor.series_card("Better Call Saul")).to_have_count(0)
    expect(visitor.series_card("Fargo")).to_be_visible()
    assert not visitor.page_was_reloaded()

    visitor.log_out()

    expect(page).to_have_url(url("/accounts/login/"))


def test_journey_without_javascript_works_through_forms_and_links(
    page_without_js, poster
):
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

    visitor.start_series()
    visitor.fill_series(
        title="   ",
        status="Watching",
        rating=8,
        tags=["Comedy"],
        characters=["Heisenberg"],
        new_tags="Crime",
    )
    visitor.save_series()

    expect(page).to_have_url(url("/series/new/"))
    expect(page.get_by_text("This field is required.")).to_be_visible()
    expect(page.get_by_label("Rating")).to_have_value("8")
    expect(page.get_by_label("New tags")).to_have_value("Crime")
    expect(page.get_by_role("checkbox", name="Heisenberg")).to_be_checked()

    visitor.fill_series(title="Better Call Saul")
    visitor.save_series()

    expect(page).to_have_url(url(r"/series/\d+/"))
    expect(visitor.messages).to_contain_text("“Better Call Saul” added.")
    for label in ("Comedy", "Crime", "Heisenberg"):
        expect(page.get_by_role("link", name=label, exact=True)).to_be_visible()

    detail_url = page.url
    visitor.upload_poster(poster)

    expect(page).to_have_url(detail_url)
    expect(visitor.messages).to_contain_text("Poster saved.")
    expect(page.get_by_role("button", name="Replace poster")).to_be_visible()
    assert visitor.poster_is_shown()

    visitor.start_series()
    visitor.fill_series(title="Fargo", status="Completed")
    visitor.save_series()
    visitor.go_to("Series catalog")
    visitor.follow_chip("Comedy")

    expect(page).to_have_url(url(r"/series/\?tags=\d+"))
    expect(visitor.series_count).to_have_text("1 series found")
    expect(visitor.series_card("Better Call Saul")).to_be_visible()
    expect(visitor.series_card("Fargo")).to_have_count(0)

    visitor.remove_filter("Tag: Comedy")
    visitor.filter_by("Characters", "Heisenberg")

    expect(page).to_have_url(url(r"/series/\?.*characters=\d+"))
    expect(visitor.series_count).to_have_text("1 series found")
    expect(visitor.series_card("Fargo")).to_have_count(0)

    visitor.click_link("Clear all")
    visitor.search_series("saul")

    expect(page).to_have_url(url(r"/series/\?q=saul.*"))
    expect(visitor.series_count).to_have_text("1 series found")
    expect(visitor.series_card("Better Call Saul")).to_be_visible()
    expect(visitor.series_card("Fargo")).to_have_count(0)

    visitor.click_link("Better Call Saul")
    visitor.click_link("Edit")
    visitor.fill_series(rating=9)
    visitor.save_series()

    expect(page).to_have_url(detail_url)
    expect(visitor.messages).to_contain_text("“Better Call Saul” saved.")
    expect(page.get_by_text("★ 9/10")).to_be_visible()

    visitor.click_link("Delete")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Delete “Better Call Saul”?"
    )

    visitor.confirm_delete()

    expect(page).to_have_url(url("/series/"))
    expect(visitor.messages).to_contain_text("“Better Call Saul” deleted.")
    expect(visitor.series_card("Better Call Saul")).to_have_count(0)
    expect(visitor.series_card("Fargo")).to_be_visible()

    visitor.log_out()

    expect(page).to_have_url(url("/accounts/login/"))
    assert visitor.htmx_requests == []
