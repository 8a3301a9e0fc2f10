"""After logging out, the browser has nothing private left to show."""

import pytest
from playwright.sync_api import expect

from .steps import Visitor

pytestmark = pytest.mark.browser


def test_back_after_logout_shows_no_private_data(signed_in_page, sample):
    page = signed_in_page
    visitor = Visitor(page)
    visitor.open(f"/series/{sample.series.pk}/")
    expect(page.get_by_role("heading", name="Breaking Bad")).to_be_visible()
    visitor.log_out()
    page.wait_for_url("**/accounts/login/")
    page.wait_for_load_state()

    page.go_back(wait_until="load")

    expect(page.get_by_text("Breaking Bad")).to_have_count(0)
    assert "/accounts/login/" in page.url
