"""
Property-based tests: whatever a user can type into a form field or a query
string, the app never answers 5xx, stores nothing from an invalid form, and
shows what it stored literally.
"""

import pytest
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.models import Series, Tag

HOSTILE = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=50),
    st.sampled_from(
        [
            "\x00",
            "a\x00b",
            "\u202eevil",
            "\u200b",
            "x" * 10_000,
            "' OR 1=1 --",
            "{{ request }}",
            "{% debug %}",
            "<script>alert(1)</script>",
            '" hx-get="/admin/" hx-trigger="load',
            "١٢٣",
            "-1",
            "9" * 40,
            "1,,2",
            "%",
            "_",
        ]
    ),
)
NUMBERS = st.one_of(
    HOSTILE, st.integers(min_value=-(10**30), max_value=10**30).map(str)
)
PROPERTY_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@pytest.mark.django_db
@PROPERTY_SETTINGS
@given(name=HOSTILE)
def test_any_label_name_is_stored_literally_or_refused(auth_client, user, name):
    before = Tag.objects.count()

    response = auth_client.post("/tags/", {"name": name})

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Tag.objects.count() == before
    else:
        stored = Tag.objects.filter(user=user).latest("pk").name
        page = auth_client.get("/tags/").content.decode()
        assert escape(stored) in page


@pytest.mark.django_db
@PROPERTY_SETTINGS
@given(
    title=HOSTILE,
    description=HOSTILE,
    year=NUMBERS,
    seasons=NUMBERS,
    episodes=NUMBERS,
    rating=NUMBERS,
    status=HOSTILE,
    link=HOSTILE,
    tags=st.lists(NUMBERS, max_size=3),
    new_tags=HOSTILE,
)
def test_any_series_form_is_saved_or_refused_whole(auth_client, **data):
    before = (Series.objects.count(), Tag.objects.count())

    response = auth_client.post("/series/new/", data)

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert (Series.objects.count(), Tag.objects.count()) == before


@pytest.mark.django_db
@PROPERTY_SETTINGS
@given(
    params=st.dictionaries(
        st.sampled_from(
            ["q", "status", "tags", "characters", "after", "page", "x", "user"]
        ),
        st.one_of(HOSTILE, st.lists(HOSTILE, max_size=3)),
        max_size=5,
    ),
    htmx=st.booleans(),
)
def test_any_series_query_string_gets_a_page(auth_client, params, htmx):
    headers = {"HX-Request": "true", "HX-Target": "series-results"} if htmx else {}

    response = auth_client.get("/series/", params, headers=headers)

    assert response.status_code == 200
    assert "\x00" not in response.content.decode()


@pytest.mark.django_db
@PROPERTY_SETTINGS
@given(q=HOSTILE, assigned_only=HOSTILE)
def test_any_label_search_gets_a_page(auth_client, q, assigned_only):
    response = auth_client.get("/characters/", {"q": q, "assigned_only": assigned_only})

    assert response.status_code == 200
