"""
The main pages fit a desktop and a phone screen, in both colour schemes; the
screenshots are kept in test-results/screenshots/ for people to look at.
"""

from pathlib import Path

import pytest

from .pages import PAGES_FOR_MEMBERS, PAGES_FOR_VISITORS
from .steps import Visitor

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
WIDTHS = (1280, 375)
HEIGHT = 800


def screenshots(page, guard, name):
    """
    Save ``name``'s screenshots at each width and scheme; return the
    ``(width, scheme)`` cases where the page scrolls sideways.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    overflows = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": HEIGHT})
            with guard.screenshot():
                page.screenshot(
                    path=SCREENSHOTS / f"{name}-{width}-{scheme}.png",
                    full_page=True,
                    animations="disabled",
                )
            if page.evaluate("document.documentElement.scrollWidth") > width:
                overflows.append((width, scheme))
    return overflows


@pytest.mark.parametrize("name", ["login", "signup"])
def test_page_for_visitors_fits_desktop_and_phone(page, browser_guard, name):
    Visitor(page).open(PAGES_FOR_VISITORS[name])

    overflows = screenshots(page, browser_guard, name)

    assert overflows == []


@pytest.mark.parametrize("name", ["tags", "characters", "profile", "password-change"])
def test_page_for_members_fits_desktop_and_phone(
    signed_in_page, sample, browser_guard, name
):
    Visitor(signed_in_page).open(PAGES_FOR_MEMBERS[name].format(**vars(sample)))

    overflows = screenshots(signed_in_page, browser_guard, name)

    assert overflows == []
