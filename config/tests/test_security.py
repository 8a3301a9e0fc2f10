"""Browser security: the policy every page sends, and pages that keep to it."""

import json
import re

import pytest

from catalog.tests.factories import SeriesFactory, TagFactory

PAGES = [
    "/",
    "/series/",
    "/series/new/",
    "/series/{series}/",
    "/series/{series}/edit/",
    "/series/{series}/delete/",
    "/series/{series}/image/",
    "/tags/",
    "/tags/{tag}/edit/",
    "/tags/{tag}/delete/",
    "/characters/",
    "/accounts/profile/",
    "/accounts/password/",
]
VISITOR_PAGES = ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]


@pytest.fixture
def pages(user):
    series = SeriesFactory(user=user)
    tag = TagFactory(user=user)
    return [page.format(series=series.pk, tag=tag.pk) for page in PAGES]


def assert_keeps_to_the_policy(response):
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy)[1]
    content = response.content.decode()
    for tag in re.findall(r"<script\b[^>]*>", content):
        assert f'nonce="{nonce}"' in tag or 'src="/static/' in tag, tag
    assert not re.search(r"\son[a-z]+\s*=", content), "inline event handler"
    assert not re.search(r"\sstyle\s*=", content), "inline style attribute"
    for directive in (
        "default-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'none'",
    ):
        assert directive in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_every_page_keeps_to_a_strict_content_security_policy(auth_client, pages):
    for page in pages:
        response = auth_client.get(page)

        assert response.status_code == 200, page
        assert_keeps_to_the_policy(response)


@pytest.mark.django_db
@pytest.mark.parametrize("page", VISITOR_PAGES)
def test_pages_for_visitors_keep_to_it_too(client, page):
    assert_keeps_to_the_policy(client.get(page))


@pytest.mark.django_db
def test_htmx_runs_without_eval_inline_styles_or_a_history_cache(auth_client):
    content = auth_client.get("/").content.decode()

    config = json.loads(
        re.search(r"name=\"htmx-config\"\s+content='([^']+)'", content)[1]
    )
    assert config["allowEval"] is False
    assert config["includeIndicatorStyles"] is False
    assert config["historyCacheSize"] == 0
    assert config["selfRequestsOnly"] is True


@pytest.mark.django_db
def test_cookies_are_http_only_and_same_site(client, user):
    from accounts.tests.factories import PASSWORD

    client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})

    session = client.cookies["sessionid"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"
