"""
Walk every URL pattern that takes an object id, as another user and as a
visitor, so that a new URL cannot be forgotten.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from catalog.models import Character, Series, Tag
from catalog.tests.factories import CharacterFactory, SeriesFactory, TagFactory

MODELS = {"tag": Tag, "character": Character, "series": Series}


def patterns_with_an_id(resolver=None, namespace=""):
    """Yield ``(url name, model)`` for each named pattern taking ``pk``."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from patterns_with_an_id(entry, inner)
        elif isinstance(entry, URLPattern) and "pk" in entry.pattern.regex.groupindex:
            yield f"{namespace}{entry.name}", MODELS[entry.name.split("_")[0]]


ID_PATTERNS = sorted(set(patterns_with_an_id()))


def snapshot():
    """Everything a request could change, as plain values."""
    return {
        model.__name__: sorted(model.objects.values_list())
        for model in (Tag, Character, Series)
    } | {
        "series_tags": sorted(Series.tags.through.objects.values_list()),
        "series_characters": sorted(Series.characters.through.objects.values_list()),
    }


@pytest.fixture
def theirs(other_user):
    tag = TagFactory(user=other_user, name="Their tag")
    character = CharacterFactory(user=other_user, name="Their character")
    series = SeriesFactory(
        user=other_user, title="Their series", tags=[tag], characters=[character]
    )
    return {Tag: tag, Character: character, Series: series}


def test_the_walk_covers_every_kind_of_object():
    names = {name for name, _ in ID_PATTERNS}

    assert {"catalog:tag_edit", "catalog:character_delete"} <= names
    assert {"catalog:series_detail", "catalog:series_image"} <= names
    assert len(ID_PATTERNS) >= 8


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "model"), ID_PATTERNS)
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_another_users_object_is_404_and_unchanged(
    auth_client, theirs, name, model, method, htmx
):
    url = reverse(name, args=[theirs[model].pk])
    before = snapshot()
    data = {"name": "Stolen", "title": "Stolen", "remove": "1", "status": "planned"}

    response = getattr(auth_client, method)(
        url, data, headers={"HX-Request": "true"} if htmx else {}
    )

    assert response.status_code == 404
    assert b"Their" not in response.content
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "model"), ID_PATTERNS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_visitors_are_sent_to_login(client, theirs, name, model, method):
    url = reverse(name, args=[theirs[model].pk])
    before = snapshot()

    plain = getattr(client, method)(url, {"name": "x"})
    htmx = getattr(client, method)(url, {"name": "x"}, headers={"HX-Request": "true"})

    assert plain.status_code == 302
    assert plain["Location"].startswith("/accounts/login/?next=")
    assert htmx.status_code == 200
    assert htmx["HX-Redirect"].startswith("/accounts/login/?next=")
    assert b"<form" not in htmx.content
    assert snapshot() == before
