"""
Fixtures for the browser tests: Playwright drives Debian's Chromium against
pytest-django's live server, and a guard fails any test during which the
browser reported an error or the server answered 5xx.
"""

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import Client

from catalog.tests.factories import CharacterFactory, SeriesFactory, TagFactory

from .checks import BrowserGuard, HtmlChecker
from .steps import make_poster

# Playwright's sync API keeps an event loop running in the test's thread, and
# Django refuses ORM calls from such a thread unless told that it is safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}


def skip_or_fail(reason):
    """Skip on a developer's machine; fail in CI, where these tests must run."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI=true, so this is a failure.", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Playwright cannot download its own browser here: use Debian's.
    if not CHROMIUM.exists():
        skip_or_fail(f"No Chromium at {CHROMIUM} (apt-get install chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, live_server):
    return {**browser_context_args, "base_url": live_server.url, "viewport": DESKTOP}


@pytest.fixture
def browser_guard():
    return BrowserGuard()


@pytest.fixture
def new_context(new_context, browser_guard):
    """pytest-playwright's ``new_context``, every context watched by the guard."""

    def guarded_context(**kwargs):
        context = new_context(**kwargs)
        browser_guard.watch(context)
        return context

    return guarded_context


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    # Fail the test itself, not its teardown, when the browser complained.
    result = yield
    guard = item.funcargs.get("browser_guard")
    if guard is not None and (report := guard.report()):
        pytest.fail(f"The browser reported problems:\n{report}", pytrace=False)
    return result


@pytest.fixture
def page_without_js(new_context):
    """A page whose context has JavaScript switched off (``page`` has it on)."""
    return new_context(java_script_enabled=False).new_page()


@pytest.fixture
def signed_in_page(page, user, live_server):
    """
    ``page``, signed in as ``user`` by a session cookie made on the server:
    a login through the form costs most of a second in each of dozens of
    tests, and the journeys and the keyboard test go through that form.
    """
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": session.key, "value": session.value, "url": live_server.url}]
    )
    return page


@pytest.fixture
def sample(user):
    """Tags, characters and a series of ``user``, so that lists have rows."""
    tag = TagFactory(user=user, name="Drama")
    character = CharacterFactory(user=user, name="Walter White")
    return SimpleNamespace(
        tag=tag,
        other_tag=TagFactory(user=user, name="Comedy"),
        character=character,
        other_character=CharacterFactory(user=user, name="Jesse Pinkman"),
        series=SeriesFactory(
            user=user,
            title="Breaking Bad",
            description="A chemistry teacher turns to crime.",
            link="https://example.com/breaking-bad",
            tags=[tag],
            characters=[character],
        ),
    )


@pytest.fixture
def poster(tmp_path):
    """A PNG poster image on disk, for the upload fields."""
    return make_poster(tmp_path / "poster.png")


@pytest.fixture(scope="session")
def html_checker():
    java = shutil.which("java")
    if java is None:
        skip_or_fail("No Java on PATH: the Nu HTML checker needs it")
    checker = HtmlChecker(java)
    checker.start()
    yield checker
    checker.stop()
