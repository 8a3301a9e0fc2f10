"""
axe-core finds no violation on any page, nor on the tags and series pages
after any htmx swap, in the light colour scheme and in the dark one.
"""

import pytest

from .checks import axe_report
from .pages import (
    PAGES_FOR_MEMBERS,
    PAGES_FOR_VISITORS,
    SERIES_STATES,
    TAG_LIST_STATES,
)
from .steps import Visitor

pytestmark = pytest.mark.browser


def cases(names):
    """Each of ``names`` in each colour scheme."""
    return [
        pytest.param(
            name,
            scheme,
            id=f"{name}-{scheme}",
        )
        for name in names
        for scheme in ("light", "dark")
    ]


@pytest.mark.parametrize(("name", "scheme"), cases(PAGES_FOR_VISITORS))
def test_page_for_visitors_has_no_axe_violations(page, name, scheme):
    page.emulate_media(color_scheme=scheme)
    Visitor(page).open(PAGES_FOR_VISITORS[name])

    report = axe_report(page)

    assert not report, report


@pytest.mark.parametrize(("name", "scheme"), cases(PAGES_FOR_MEMBERS))
def test_page_for_members_has_no_axe_violations(signed_in_page, sample, name, scheme):
    signed_in_page.emulate_media(color_scheme=scheme)
    Visitor(signed_in_page).open(PAGES_FOR_MEMBERS[name].format(**vars(sample)))

    report = axe_report(signed_in_page)

    assert not report, report


@pytest.mark.parametrize(("state", "scheme"), cases(TAG_LIST_STATES))
def test_tags_page_after_htmx_swap_has_no_axe_violations(
    signed_in_page, sample, state, scheme
):
    signed_in_page.emulate_media(color_scheme=scheme)
    visitor = Visitor(signed_in_page)
    visitor.open("/tags/")
    TAG_LIST_STATES[state](visitor)

    report = axe_report(signed_in_page)

    assert not report, report


@pytest.mark.parametrize(("state", "scheme"), cases(SERIES_STATES))
def test_series_page_after_htmx_swap_has_no_axe_violations(
    signed_in_page, sample, poster, state, scheme
):
    signed_in_page.emulate_media(color_scheme=scheme)
    visitor = Visitor(signed_in_page)
    path, action = SERIES_STATES[state]
    visitor.open(path.format(**vars(sample)))
    action(visitor, poster)

    report = axe_report(signed_in_page)

    assert not report, report
