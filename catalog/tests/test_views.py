"""
The catalog's views. Tags and characters share one set of views, so each
label test runs for both (the ``kind`` fixture); then the series views.
"""

import re

import pytest
from django.core.cache import cache, caches
from django.db import IntegrityError
from django.urls import reverse

from accounts.tests.factories import UserFactory
from catalog.forms import LabelForm
from catalog.models import Character, Series, Tag

from .factories import CharacterFactory, SeriesFactory, TagFactory

LIST = reverse("catalog:series_list")
CREATE = reverse("catalog:series_create")


def names_in(content):
    return re.findall(r'data-label-name="([^"]*)"', content)


@pytest.mark.django_db
class TestLabelList:
    def test_visitors_are_sent_to_login(self, client, kind):
        response = client.get(kind.list_url)

        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")

    def test_shows_own_items_a_to_z_ignoring_case(
        self, auth_client, kind, user, other_user
    ):
        kind.factory(user=user, name="beta")
        kind.factory(user=user, name="Alpha")
        kind.factory(user=user, name="Gamma")
        kind.factory(user=other_user, name="Secret of someone else")

        response = auth_client.get(kind.list_url)

        content = response.content.decode()
        assert response.status_code == 200
        assert names_in(content) == ["Alpha", "beta", "Gamma"]
        assert "Secret of someone else" not in content
        assert "<html" in content
        assert "HX-Request" in response["Vary"]

    def test_empty_list_says_so(self, auth_client, kind):
        response = auth_client.get(kind.list_url)

        assert b"No " in response.content
        assert names_in(response.content.decode()) == []

    def test_search_filters_by_name(self, auth_client, kind, user):
        kind.factory(user=user, name="Drama")
        kind.factory(user=user, name="Melodrama")
        kind.factory(user=user, name="Comedy")

        response = auth_client.get(kind.list_url, {"q": "DRAMA"})

        assert names_in(response.content.decode()) == ["Drama", "Melodrama"]

    def test_htmx_search_returns_only_the_results(
        self, auth_client, kind, user, htmx_headers
    ):
        kind.factory(user=user, name="Drama")
        kind.factory(user=user, name="Comedy")

        response = auth_client.get(kind.list_url, {"q": "com"}, headers=htmx_headers)

        content = response.content.decode()
        assert "<html" not in content
        assert 'id="label-results"' in content
        assert names_in(content) == ["Comedy"]
        assert "HX-Request" in response["Vary"]

    def test_search_with_no_match_says_so(self, auth_client, kind, user):
        kind.factory(user=user, name="Drama")

        response = auth_client.get(kind.list_url, {"q": "zzz"})

        assert names_in(response.content.decode()) == []
        assert (
            b"No tags match." in response.content
            or b"No characters match." in response.content
        )

    @pytest.mark.parametrize("q", ["\x00", "x" * 5000, "%", "_", "' OR 1=1 --", "ß"])
    def test_odd_searches_never_fail(self, auth_client, kind, user, q):
        kind.factory(user=user, name="Drama")

        response = auth_client.get(kind.list_url, {"q": q})

        assert response.status_code == 200

    def test_unknown_query_parameters_are_ignored(self, auth_client, kind, user):
        kind.factory(user=user, name="Drama")

        response = auth_client.get(kind.list_url, {"user": "999", "name": "x"})

        assert names_in(response.content.decode()) == ["Drama"]

    def test_names_are_escaped(self, auth_client, kind, user):
        kind.factory(user=user, name='<script>alert("x")</script>')

        content = auth_client.get(kind.list_url).content.decode()

        assert '<script>alert("x")</script>' not in content
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in content


@pytest.mark.django_db
class TestLabelCreate:
    def test_plain_post_creates_and_redirects_with_a_message(
        self, auth_client, kind, user
    ):
        response = auth_client.post(kind.list_url, {"name": "  Drama  "})

        assert response.status_code == 302
        assert response["Location"] == kind.list_url
        label = kind.model.objects.get()
        assert label.name == "Drama"
        assert label.user == user
        followed = auth_client.get(kind.list_url).content.decode()
        assert "“Drama” added." in followed

    def test_htmx_post_returns_a_fresh_form_and_the_sorted_list(
        self, auth_client, kind, user, htmx_headers
    ):
        kind.factory(user=user, name="Alpha")
        kind.factory(user=user, name="Gamma")

        response = auth_client.post(
            kind.list_url, {"name": "Beta"}, headers=htmx_headers
        )

        content = response.content.decode()
        assert response.status_code == 200
        assert "<html" not in content
        assert content.lstrip().startswith("<form")
        assert 'name="name"' in content
        assert 'value="Beta"' not in content
        assert re.search(r'id="label-results"[^>]*hx-swap-oob="true"', content)
        assert names_in(content) == ["Alpha", "Beta", "Gamma"]
        assert "“Beta” added." in content
        assert kind.model.objects.filter(name="Beta", user=user).exists()

    def test_a_post_cannot_set_the_owner(self, auth_client, kind, user, other_user):
        auth_client.post(kind.list_url, {"name": "Mine", "user": other_user.pk})

        assert kind.model.objects.get().user == user

    @pytest.mark.parametrize(
        ("name", "message"),
        [
            ("", "This field is required."),
            ("   ", "This field is required."),
            ("x" * 101, "Ensure this value has at most 100 characters"),
            ("bad\x00name", "Null characters are not allowed."),
            (
                "bad\x07name",
                "Control or invisible formatting characters are not allowed.",
            ),
            (
                "two\nlines",
                "Control or invisible formatting characters are not allowed.",
            ),
        ],
    )
    def test_bad_names_are_refused(self, auth_client, kind, name, message):
        response = auth_client.post(kind.list_url, {"name": name})

        assert response.status_code == 200
        assert message in response.content.decode()
        assert not kind.model.objects.exists()

    def test_emoji_sequences_with_joiners_are_fine(self, auth_client, kind):
        auth_client.post(kind.list_url, {"name": "Family \U0001f468\u200d\U0001f467"})

        assert kind.model.objects.get().name == "Family \U0001f468\u200d\U0001f467"

    def test_names_are_normalised_so_look_alikes_clash(self, auth_client, kind, user):
        auth_client.post(kind.list_url, {"name": "Cafe\u0301"})

        response = auth_client.post(kind.list_url, {"name": "Caf\u00e9"})

        assert kind.model.objects.get().name == "Caf\u00e9"
        assert "You already have a" in response.content.decode()

    def test_htmx_responses_vary_on_hx_request(
        self, auth_client, kind, user, htmx_headers
    ):
        label = kind.factory(user=user, name="Drama")

        responses = [
            auth_client.post(kind.list_url, {"name": "New"}, headers=htmx_headers),
            auth_client.post(
                kind.edit_url(label), {"name": "Dramedy"}, headers=htmx_headers
            ),
            auth_client.post(kind.delete_url(label), headers=htmx_headers),
        ]

        for response in responses:
            assert "HX-Request" in response["Vary"]

    def test_the_forms_name_their_action(self, auth_client, kind):
        content = auth_client.get(kind.list_url).content.decode()

        assert f'action="{kind.list_url}"' in content

    def test_htmx_errors_appear_in_the_form(self, auth_client, kind, htmx_headers):
        response = auth_client.post(kind.list_url, {"name": ""}, headers=htmx_headers)

        content = response.content.decode()
        assert content.lstrip().startswith("<form")
        assert "This field is required." in content
        assert "is-invalid" in content
        assert not kind.model.objects.exists()

    @pytest.mark.parametrize("name", ["drama", "DRAMA", " Drama "])
    def test_duplicates_in_any_case_are_refused(self, auth_client, kind, user, name):
        kind.factory(user=user, name="Drama")

        response = auth_client.post(kind.list_url, {"name": name})

        content = response.content.decode()
        assert response.status_code == 200
        assert "You already have a" in content
        assert "named “Drama”" in content
        assert kind.model.objects.count() == 1

    def test_another_users_name_is_no_conflict_and_not_revealed(
        self, auth_client, kind, user, other_user
    ):
        kind.factory(user=other_user, name="Drama")

        response = auth_client.post(kind.list_url, {"name": "Drama"})

        assert response.status_code == 302
        assert kind.model.objects.filter(user=user, name="Drama").exists()

    def test_a_race_lost_at_the_database_is_a_friendly_error(
        self, auth_client, kind, user, monkeypatch
    ):
        def save_raced(self, commit=True):
            kind.factory(user=user, name="Drama")
            raise IntegrityError("duplicate key value violates unique constraint")

        monkeypatch.setattr(LabelForm, "save", save_raced)

        response = auth_client.post(kind.list_url, {"name": "Drama"})

        assert response.status_code == 200
        assert "You already have a" in response.content.decode()

    def test_bad_input_keeps_what_the_user_typed(self, auth_client, kind):
        response = auth_client.post(kind.list_url, {"name": "x" * 101})

        assert f'value="{"x" * 101}"' in response.content.decode()


@pytest.mark.django_db
class TestLabelRename:
    def test_edit_page_shows_the_form(self, auth_client, kind, user):
        label = kind.factory(user=user, name="Drama")

        response = auth_client.get(kind.edit_url(label))

        assert response.status_code == 200
        assert b"<html" in response.content
        assert b'value="Drama"' in response.content

    def test_htmx_get_turns_the_row_into_a_form(
        self, auth_client, kind, user, htmx_headers
    ):
        label = kind.factory(user=user, name="Drama")

        response = auth_client.get(kind.edit_url(label), headers=htmx_headers)

        content = response.content.decode()
        assert "<html" not in content
        assert content.lstrip().startswith("<li")
        assert f'id="{kind.prefix}-{label.pk}"' in content
        assert 'value="Drama"' in content
        assert "data-cancel-on-escape" in content
        assert "HX-Request" in response["Vary"]

    def test_plain_post_renames_and_redirects(self, auth_client, kind, user):
        label = kind.factory(user=user, name="Drama")

        response = auth_client.post(kind.edit_url(label), {"name": "Dramedy"})

        label.refresh_from_db()
        assert response.status_code == 302
        assert response["Location"] == kind.list_url
        assert label.name == "Dramedy"

    def test_htmx_post_returns_the_updated_row(
        self, auth_client, kind, user, htmx_headers
    ):
        label = kind.factory(user=user, name="Drama")

        response = auth_client.post(
            kind.edit_url(label), {"name": "Dramedy"}, headers=htmx_headers
        )

        content = response.content.decode()
        assert content.lstrip().startswith("<li")
        assert names_in(content) == ["Dramedy"]
        assert "<form" not in content.split('id="messages"')[0]

    def test_renaming_to_a_different_case_of_itself_is_allowed(
        self, auth_client, kind, user
    ):
        label = kind.factory(user=user, name="drama")

        auth_client.post(kind.edit_url(label), {"name": "Drama"})

        label.refresh_from_db()
        assert label.name == "Drama"

    def test_renaming_onto_another_name_is_refused(
        self, auth_client, kind, user, htmx_headers
    ):
        kind.factory(user=user, name="Comedy")
        label = kind.factory(user=user, name="Drama")

        response = auth_client.post(
            kind.edit_url(label), {"name": "comedy"}, headers=htmx_headers
        )

        label.refresh_from_db()
        assert "You already have a" in response.content.decode()
        assert 'value="comedy"' in response.content.decode()
        assert label.name == "Drama"

    def test_htmx_rename_has_the_list_refresh_itself(
        self, auth_client, kind, user, htmx_headers
    ):
        label = kind.factory(user=user, name="Drama")

        response = auth_client.post(
            kind.edit_url(label), {"name": "Zodiac"}, headers=htmx_headers
        )

        assert response["HX-Trigger-After-Settle"] == "labels-changed"

    def test_a_refused_rename_shows_the_saved_name(self, auth_client, kind, user):
        label = kind.factory(user=user, name="Watson")

        response = auth_client.post(kind.edit_url(label), {"name": "Wat\x07son"})

        content = response.content.decode()
        assert "<title>Rename “Watson”" in content
        assert "Wat\x07son”" not in content.split("<form")[0]

    def test_blank_rename_is_refused(self, auth_client, kind, user):
        label = kind.factory(user=user, name="Drama")

        response = auth_client.post(kind.edit_url(label), {"name": " "})

        label.refresh_from_db()
        assert b"This field is required." in response.content
        assert label.name == "Drama"


@pytest.mark.django_db
class TestLabelDelete:
    def test_confirm_page(self, auth_client, kind, user):
        label = kind.factory(user=user, name="Drama")

        response = auth_client.get(kind.delete_url(label))

        content = response.content.decode()
        assert response.status_code == 200
        assert "<html" in content
        assert "Delete “Drama”?" in content
        assert kind.model.objects.exists()

    def test_htmx_get_shows_the_confirm_step_in_the_row(
        self, auth_client, kind, user, htmx_headers
    ):
        label = kind.factory(user=user, name="Drama")

        response = auth_client.get(kind.delete_url(label), headers=htmx_headers)

        content = response.content.decode()
        assert content.lstrip().startswith("<li")
        assert "Delete “Drama”?" in content
        assert "<html" not in content

    def test_plain_post_deletes_and_redirects(self, auth_client, kind, user):
        label = kind.factory(user=user, name="Drama")

        response = auth_client.post(kind.delete_url(label))

        assert response.status_code == 302
        assert response["Location"] == kind.list_url
        assert not kind.model.objects.exists()
        assert "“Drama” deleted." in auth_client.get(kind.list_url).content.decode()

    def test_htmx_post_removes_the_row(self, auth_client, kind, user, htmx_headers):
        label = kind.factory(user=user, name="Drama")

        response = auth_client.post(kind.delete_url(label), headers=htmx_headers)

        content = response.content.decode()
        assert response.status_code == 200
        assert content.startswith('\n<div id="messages"')
        assert "“Drama” deleted." in content
        assert response["HX-Trigger-After-Settle"] == "labels-changed"
        assert not kind.model.objects.exists()


@pytest.mark.django_db
class TestLabelIsolation:
    @pytest.mark.parametrize("method", ["get", "post"])
    @pytest.mark.parametrize("action", ["edit_url", "delete_url"])
    @pytest.mark.parametrize("htmx", [False, True])
    def test_another_users_item_is_404(
        self, auth_client, kind, other_user, method, action, htmx
    ):
        label = kind.factory(user=other_user, name="Theirs")
        headers = {"HX-Request": "true"} if htmx else {}

        response = getattr(auth_client, method)(
            getattr(kind, action)(label), {"name": "Mine now"}, headers=headers
        )

        label.refresh_from_db()
        assert response.status_code == 404
        assert b"Theirs" not in response.content
        assert label.name == "Theirs"

    def test_unknown_id_is_404(self, auth_client, kind):
        response = auth_client.get(f"/{kind.prefix}s/999999/edit/")

        assert response.status_code == 404

    @pytest.mark.parametrize("action", ["edit_url", "delete_url"])
    def test_visitors_are_sent_to_login(self, client, kind, user, action):
        label = kind.factory(user=user)

        response = client.post(getattr(kind, action)(label), {"name": "x"})

        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        assert kind.model.objects.filter(pk=label.pk).exists()


def titles_in(content):
    return re.findall(r'card-title">\s*<a[^>]*>([^<]*)</a>', content)


def edit_url(series):
    return reverse("catalog:series_edit", args=[series.pk])


def delete_url(series):
    return reverse("catalog:series_delete", args=[series.pk])


def edit_data(series, **overrides):
    """What the edit form posts: the values, and the version it was opened at."""
    series.refresh_from_db()
    return form_data(version=series.updated.isoformat(), **overrides)


def form_data(**overrides):
    data = {
        "title": "The Wire",
        "description": "Baltimore.",
        "year": "2002",
        "seasons": "5",
        "episodes": "60",
        "status": "completed",
        "rating": "10",
        "link": "https://example.com/the-wire",
    }
    return data | overrides


@pytest.mark.django_db
class TestSeriesList:
    def test_home_and_series_show_own_series_newest_first(
        self, auth_client, user, other_user
    ):
        SeriesFactory(user=user, title="Old")
        SeriesFactory(user=user, title="New")
        SeriesFactory(user=other_user, title="Not mine")

        for url in ["/", LIST]:
            content = auth_client.get(url).content.decode()
            assert titles_in(content) == ["New", "Old"]
            assert "Not mine" not in content

    def test_cards_show_the_summary_and_chips(self, auth_client, user):
        tag = TagFactory(user=user, name="Crime")
        character = CharacterFactory(user=user, name="Omar")
        SeriesFactory(
            user=user,
            title="The Wire",
            year=2002,
            rating=10,
            status="completed",
            tags=[tag],
            characters=[character],
        )

        content = auth_client.get(LIST).content.decode()

        assert "2002" in content
        assert "Completed" in content
        assert "★ 10/10" in content
        assert f'href="/series/?tags={tag.pk}"' in content
        assert f'href="/series/?characters={character.pk}"' in content
        assert "poster-placeholder" in content

    def test_list_summary_leaves_out_the_description(self, auth_client, user):
        SeriesFactory(user=user, description="A very long secret plot summary")

        content = auth_client.get(LIST).content.decode()

        assert "A very long secret plot summary" not in content

    def test_empty_catalog_invites_a_first_series(self, auth_client):
        content = auth_client.get(LIST).content.decode()

        assert "Your catalog is empty." in content
        assert f'href="{CREATE}"' in content

    def test_htmx_filter_returns_only_the_results(
        self, auth_client, user, htmx_headers
    ):
        SeriesFactory(user=user, title="Dark")

        response = auth_client.get(
            LIST, {"q": "dark"}, headers=htmx_headers | {"HX-Target": "series-results"}
        )

        content = response.content.decode()
        assert response.status_code == 200
        assert "<html" not in content
        assert content.lstrip().startswith('<section id="series-results"')
        assert titles_in(content) == ["Dark"]
        assert "HX-Request" in response["Vary"]

    def next_link(self, content):
        return re.search(r'href="(/series/\?[^"]*after=[^"]+)">More series', content)[
            1
        ].replace("&amp;", "&")

    def test_pages_24_at_a_time_with_links(self, auth_client, user):
        SeriesFactory.create_batch(30, user=user)

        first = auth_client.get(LIST).content.decode()
        second = auth_client.get(self.next_link(first)).content.decode()

        assert len(titles_in(first)) == 24
        assert len(titles_in(second)) == 6
        assert set(titles_in(first)).isdisjoint(titles_in(second))
        assert "More series" not in second
        assert 'href="/series/">Newest series' in second
        assert "30 series" in first
        assert "30 series" in second

    def test_next_page_for_the_scroll_is_cards_only(
        self, auth_client, user, htmx_headers
    ):
        SeriesFactory.create_batch(30, user=user)
        first = auth_client.get(LIST).content.decode()

        response = auth_client.get(
            self.next_link(first), headers=htmx_headers | {"HX-Target": "next-page"}
        )

        content = response.content.decode()
        assert content.lstrip().startswith("<li")
        assert "series-results" not in content
        assert len(titles_in(content)) == 6

    def test_series_created_in_the_same_instant_are_neither_lost_nor_repeated(
        self, auth_client, user
    ):
        SeriesFactory.create_batch(30, user=user)
        Series.objects.update(created="2026-01-01T00:00:00Z")

        first = auth_client.get(LIST).content.decode()
        second = auth_client.get(self.next_link(first)).content.decode()

        assert len(set(titles_in(first)) | set(titles_in(second))) == 30

    def test_a_cursor_past_the_end_says_there_is_no_more(self, auth_client, user):
        SeriesFactory.create_batch(3, user=user)

        content = auth_client.get(LIST, {"after": "1.0"}).content.decode()

        assert "No more series here." in content
        assert "Your catalog is empty." not in content
        assert "3 series" in content

    def test_the_total_is_counted_up_to_a_limit(self, auth_client, user, monkeypatch):
        from catalog.views import SeriesListView

        monkeypatch.setattr(SeriesListView, "count_limit", 25)
        SeriesFactory.create_batch(30, user=user)
        SeriesFactory.create_batch(25, user=user, status="dropped")

        assert "25+ series" in auth_client.get(LIST).content.decode()
        content = auth_client.get(LIST, {"status": "dropped"}).content.decode()
        assert "25 series found" in content

    @pytest.mark.parametrize(
        "after", ["abc", "1.2.3", "-1.5", "9" * 40 + ".1", "1." + "9" * 30, "١.١"]
    )
    def test_a_bad_page_link_shows_the_newest_series(self, auth_client, user, after):
        SeriesFactory.create_batch(3, user=user)

        response = auth_client.get(LIST, {"after": after})

        assert response.status_code == 200
        assert len(titles_in(response.content.decode())) == 3
        assert b"That page link was not valid" in response.content

    def test_a_chip_link_gets_the_whole_page(self, auth_client, user, htmx_headers):
        SeriesFactory(user=user, title="Dark")

        response = auth_client.get(
            LIST, {"q": "dark"}, headers=htmx_headers | {"HX-Target": "main"}
        )

        content = response.content.decode()
        assert 'id="main"' in content
        assert 'id="series-filters"' in content
        assert titles_in(content) == ["Dark"]

    def test_scroll_link_keeps_the_filters(self, auth_client, user):
        SeriesFactory.create_batch(25, user=user, status="watching")

        content = auth_client.get(LIST, {"status": "watching"}).content.decode()

        assert re.search(
            r'hx-get="/series/\?status=watching&amp;after=[0-9.]+"', content
        )

    @pytest.mark.parametrize("page", ["0", "abc", "99999", "-1", "1" * 30, "٣"])
    def test_odd_page_numbers_give_a_sensible_page(self, auth_client, user, page):
        SeriesFactory.create_batch(3, user=user)

        response = auth_client.get(LIST, {"page": page})

        assert response.status_code == 200
        assert len(titles_in(response.content.decode())) == 3


def chips_in(content):
    """The names on the cards' label chips, in page order."""
    return re.findall(
        r'class="chip(?: chip-character)?" href="[^"]*">([^<]*)</a>', content
    )


def cards_in(content):
    """The list of cards, as HTML."""
    return re.search(r'<ul class="[^"]*series-grid">.*?</ul>', content, re.S)[0]


@pytest.mark.django_db
class TestSeriesCardsStayFresh:
    """
    The list's pages are cached per version of the user's catalog
    (catalog.versions). Whatever a card shows can change from several
    places; each test warms the cache, changes one thing (through the app,
    or committed as a shell or the admin would), and looks again.
    """

    @pytest.fixture
    def series(self, auth_client, user, kind):
        label = kind.factory(user=user, name="Heist")
        series = SeriesFactory(user=user, title="Money Heist", **{kind.field: [label]})
        assert chips_in(auth_client.get(LIST).content.decode()) == ["Heist"]
        return series

    def test_a_second_visit_serves_the_same_cards_from_the_cache(
        self, auth_client, series, django_assert_num_queries
    ):
        first = auth_client.get(LIST).content.decode()

        # Session, user, then the catalog's version and the page together.
        with django_assert_num_queries(3):
            second = auth_client.get(LIST).content.decode()

        assert cards_in(second) == cards_in(first)

    def test_an_edited_series_shows_its_new_title(self, auth_client, series):
        auth_client.post(edit_url(series), edit_data(series, title="La casa de papel"))

        assert titles_in(auth_client.get(LIST).content.decode()) == ["La casa de papel"]

    def test_a_renamed_label_shows_its_new_name(self, auth_client, series, kind):
        label = kind.model.objects.get(name="Heist")

        auth_client.post(kind.edit_url(label), {"name": "Robbery"})

        assert chips_in(auth_client.get(LIST).content.decode()) == ["Robbery"]

    def test_a_deleted_label_leaves_the_card(self, auth_client, series, kind):
        label = kind.model.objects.get(name="Heist")

        auth_client.post(kind.delete_url(label))

        assert chips_in(auth_client.get(LIST).content.decode()) == []

    def test_links_changed_from_the_series_side_show(
        self, auth_client, user, series, kind, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            getattr(series, kind.field).add(kind.factory(user=user, name="Berlin"))

        content = auth_client.get(LIST).content.decode()
        assert chips_in(content) == ["Berlin", "Heist"]

        with django_capture_on_commit_callbacks(execute=True):
            getattr(series, kind.field).clear()

        assert chips_in(auth_client.get(LIST).content.decode()) == []

    def test_links_changed_from_the_label_side_show(
        self, auth_client, user, series, kind, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            other = kind.factory(user=user, name="Tokyo")
            other.series.add(series)

        assert chips_in(auth_client.get(LIST).content.decode()) == ["Heist", "Tokyo"]

        with django_capture_on_commit_callbacks(execute=True):
            kind.model.objects.get(name="Heist").series.clear()
            other.series.remove(series)

        assert chips_in(auth_client.get(LIST).content.decode()) == []

    def test_a_new_poster_shows(self, auth_client, series):
        from .test_posters import image_file, upload_url

        auth_client.post(upload_url(series), {"image": image_file()})

        content = auth_client.get(LIST).content.decode()
        assert "poster-placeholder" not in cards_in(content)
        assert "-thumb.webp" in cards_in(content)

    def test_the_filter_pickers_follow_the_query_and_the_labels(
        self, auth_client, series, kind
    ):
        label = kind.model.objects.get(name="Heist")
        checkbox = re.compile(rf'<input[^>]*id="filter-{kind.prefix}-{label.pk}"[^>]*>')

        filtered = auth_client.get(LIST, {kind.field: label.pk}).content.decode()
        plain = auth_client.get(LIST).content.decode()
        assert "checked" in checkbox.search(filtered)[0]
        assert "checked" not in checkbox.search(plain)[0]

        auth_client.post(kind.edit_url(label), {"name": "Robbery"})

        content = auth_client.get(LIST).content.decode()
        assert f'for="filter-{kind.prefix}-{label.pk}">Robbery<' in content


@pytest.mark.django_db
class TestSeriesListStaysFresh:
    """The list's pages are cached per version of the catalog: whatever
    changes, the next visit shows it."""

    @pytest.fixture
    def catalog(self, auth_client, user):
        drama = TagFactory(user=user, name="Drama")
        SeriesFactory(user=user, title="The Wire", tags=[drama])
        SeriesFactory(user=user, title="Fargo")
        for query in [{}, {"tags": drama.pk}]:
            auth_client.get(LIST, query)
        return drama

    def test_a_new_series_shows_with_the_new_total(
        self, auth_client, user, catalog, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            SeriesFactory(user=user, title="Severance")

        content = auth_client.get(LIST).content.decode()

        assert titles_in(content) == ["Severance", "Fargo", "The Wire"]
        assert "3 series" in content

    def test_a_deleted_series_leaves(self, auth_client, user, catalog):
        auth_client.post(delete_url(user.series.get(title="Fargo")))

        content = auth_client.get(LIST).content.decode()

        assert titles_in(content) == ["The Wire"]
        assert "1 series" in content

    def test_filters_follow_new_links(
        self, auth_client, user, catalog, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            catalog.series.add(user.series.get(title="Fargo"))

        content = auth_client.get(LIST, {"tags": catalog.pk}).content.decode()

        assert titles_in(content) == ["Fargo", "The Wire"]

    def test_a_new_tag_is_offered_by_the_filter(
        self, auth_client, user, catalog, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            tag = TagFactory(user=user, name="Noir")

        content = auth_client.get(LIST).content.decode()

        assert f'for="filter-tag-{tag.pk}">Noir<' in content

    def test_another_users_pages_are_their_own(self, client, user, catalog, other_user):
        from catalog import versions

        SeriesFactory(user=other_user, title="Not mine")
        # Even with the very same token, a page is cached per user.
        caches["catalog"].set(
            versions.token_key(other_user.pk), versions.current(user.pk)
        )
        client.force_login(other_user)

        content = client.get(LIST).content.decode()

        assert titles_in(content) == ["Not mine"]

    @pytest.mark.parametrize(
        "query", [{"tags": "abc"}, {"after": "not-a-cursor"}, {"status": "nope"}]
    )
    def test_links_that_name_no_page_are_not_kept(
        self, auth_client, catalog, query, monkeypatch
    ):
        kept = []
        monkeypatch.setattr(
            caches["catalog"], "set", lambda key, *args: kept.append(key)
        )

        response = auth_client.get(LIST, query)

        assert response.status_code == 200
        assert kept == []

    def test_pages_never_crowd_out_the_default_cache(self, auth_client, settings):
        settings.CACHES["catalog"] = settings.CACHES["catalog"] | {
            "OPTIONS": {"MAX_ENTRIES": 3}
        }
        cache.set("password-reset:someone@example.com", 4)

        for word in ["a", "b", "c", "d", "e", "f"]:
            auth_client.get(LIST, {"q": word})

        assert cache.get("password-reset:someone@example.com") == 4


@pytest.mark.django_db
class TestSeriesFilters:
    @pytest.fixture
    def catalog(self, user):
        drama = TagFactory(user=user, name="Drama")
        comedy = TagFactory(user=user, name="Comedy")
        scifi = TagFactory(user=user, name="Sci-fi")
        omar = CharacterFactory(user=user, name="Omar")
        SeriesFactory(user=user, title="The Wire", tags=[drama], characters=[omar])
        SeriesFactory(user=user, title="Community", tags=[comedy], status="planned")
        SeriesFactory(user=user, title="Dramedy", tags=[drama, comedy])
        SeriesFactory(user=user, title="Untagged", status="dropped")
        return {"drama": drama, "comedy": comedy, "scifi": scifi, "omar": omar}

    def titles(self, client, params):
        return sorted(titles_in(client.get(LIST, params).content.decode()))

    def test_by_one_tag(self, auth_client, catalog):
        titles = self.titles(auth_client, {"tags": catalog["drama"].pk})

        assert titles == ["Dramedy", "The Wire"]

    @pytest.mark.parametrize("style", ["comma", "repeated"])
    def test_by_any_of_several_tags_each_series_once(self, auth_client, catalog, style):
        ids = [catalog["drama"].pk, catalog["comedy"].pk]
        if style == "comma":
            params = {"tags": ",".join(map(str, ids))}
        else:
            params = {"tags": ids}

        titles = self.titles(auth_client, params)

        assert titles == ["Community", "Dramedy", "The Wire"]

    def test_by_character(self, auth_client, catalog):
        titles = self.titles(auth_client, {"characters": catalog["omar"].pk})

        assert titles == ["The Wire"]

    def test_by_tag_and_character_together(self, auth_client, catalog):
        params = {"tags": catalog["comedy"].pk, "characters": catalog["omar"].pk}

        assert self.titles(auth_client, params) == []

    def test_by_status(self, auth_client, catalog):
        assert self.titles(auth_client, {"status": "planned"}) == ["Community"]

    def test_by_title(self, auth_client, catalog):
        assert self.titles(auth_client, {"q": "DRAM"}) == ["Dramedy"]

    def test_all_combined(self, auth_client, catalog):
        params = {
            "tags": f"{catalog['drama'].pk},{catalog['comedy'].pk}",
            "status": "watching",
            "q": "e",
        }

        assert self.titles(auth_client, params) == ["Dramedy", "The Wire"]

    def test_a_tag_with_no_series_matches_nothing(self, auth_client, catalog):
        content = auth_client.get(LIST, {"tags": catalog["scifi"].pk}).content
        assert titles_in(content.decode()) == []
        assert b"No series match these filters." in content

    def test_active_filters_show_as_chips_with_remove_links(self, auth_client, catalog):
        drama, comedy = catalog["drama"].pk, catalog["comedy"].pk
        content = auth_client.get(
            LIST, {"tags": f"{drama},{comedy}", "status": "watching"}
        ).content.decode()

        assert "Tag: Drama" in content
        assert "Tag: Comedy" in content
        assert "Status: Watching" in content
        assert f'href="/series/?status=watching&amp;tags={comedy}"' in content
        assert f'href="/series/?tags={drama}%2C{comedy}"' in content
        assert "Clear all" in content

    def test_foreign_ids_match_nothing_and_never_show_a_name(
        self, auth_client, catalog, other_user
    ):
        theirs = TagFactory(user=other_user, name="Their secret tag")
        SeriesFactory(user=other_user, title="Their series", tags=[theirs])

        content = auth_client.get(LIST, {"tags": theirs.pk}).content.decode()

        assert titles_in(content) == []
        assert "Their secret tag" not in content
        assert "Their series" not in content
        assert "not among yours" in content

    def test_foreign_ids_beside_own_ones_are_left_out(
        self, auth_client, catalog, other_user
    ):
        theirs = TagFactory(user=other_user)

        titles = self.titles(auth_client, {"tags": [theirs.pk, catalog["comedy"].pk]})

        assert titles == ["Community", "Dramedy"]

    @pytest.mark.parametrize(
        "params",
        [
            {"tags": "abc"},
            {"tags": "-1"},
            {"tags": "1" * 30},
            {"tags": "١٢"},
            {"characters": "1;2"},
            {"status": "nope"},
            {"q": "x" * 201},
            {"q": "\x00"},
        ],
    )
    def test_malformed_values_are_explained(self, auth_client, catalog, params):
        response = auth_client.get(LIST, params)

        content = response.content.decode()
        assert response.status_code == 200
        assert "Some filters could not be used" in content
        assert titles_in(content) == []

    @pytest.mark.parametrize(
        "params", [{"tags": "\x00"}, {"status": "\x00"}, {"q": "a\x00b"}]
    )
    def test_a_nul_byte_is_never_echoed_into_the_page(
        self, auth_client, catalog, params
    ):
        response = auth_client.get(LIST, params)

        assert response.status_code == 200
        assert "\x00" not in response.content.decode()

    def test_errors_name_the_field_as_the_form_labels_it(self, auth_client, catalog):
        response = auth_client.get(LIST, {"q": "x" * 201, "status": "nope"})

        content = response.content.decode()
        assert 'id="id_q_error">Title:' in content
        assert 'id="id_status_error">Status:' in content

    def test_empty_list_items_are_ignored(self, auth_client, catalog):
        drama = catalog["drama"].pk

        titles = self.titles(auth_client, {"tags": f"{drama},,"})

        assert titles == ["Dramedy", "The Wire"]

    def test_unknown_parameters_never_reach_the_database(self, auth_client, catalog):
        response = auth_client.get(
            LIST, {"user": "1", "title__regex": "(", "order_by": "password"}
        )

        assert response.status_code == 200
        assert len(titles_in(response.content.decode())) == 4

    def test_the_filter_form_offers_only_own_labels(
        self, auth_client, catalog, other_user
    ):
        TagFactory(user=other_user, name="Their secret tag")

        content = auth_client.get(LIST).content.decode()

        assert 'name="tags"' in content
        assert "Drama" in content
        assert "Their secret tag" not in content


@pytest.mark.django_db
class TestLabelAssignedOnly:
    def test_lists_only_labels_used_by_a_series_each_once(
        self, auth_client, kind, user
    ):
        used = kind.factory(user=user, name="Used")
        kind.factory(user=user, name="Unused")
        field = "tags" if kind.prefix == "tag" else "characters"
        SeriesFactory(user=user, **{field: [used]})
        SeriesFactory(user=user, **{field: [used]})

        content = auth_client.get(kind.list_url, {"assigned_only": "1"}).content

        assert re.findall(rb'data-label-name="([^"]*)"', content) == [b"Used"]
        assert b"2 series" in content

    def test_counts_series_per_label(self, auth_client, kind, user):
        label = kind.factory(user=user, name="Used")
        field = "tags" if kind.prefix == "tag" else "characters"
        SeriesFactory.create_batch(3, user=user, **{field: [label]})

        content = auth_client.get(kind.list_url).content

        assert b"3 series" in content


@pytest.mark.django_db
class TestSeriesDetail:
    def test_shows_every_field_and_label(self, auth_client, user):
        tag = TagFactory(user=user, name="Crime")
        character = CharacterFactory(user=user, name="Omar")
        series = SeriesFactory(
            user=user,
            title="The Wire",
            description="Baltimore, <b>bold</b>.",
            year=2002,
            seasons=5,
            episodes=60,
            status="completed",
            rating=10,
            link="https://example.com/wire",
            tags=[tag],
            characters=[character],
        )

        response = auth_client.get(series.get_absolute_url())

        content = response.content.decode()
        assert response.status_code == 200
        for text in ["The Wire", "2002", ">5<", ">60<", "Completed", "★ 10/10"]:
            assert text in content.replace("\n", "").replace("  ", ""), text
        assert "Baltimore, &lt;b&gt;bold&lt;/b&gt;." in content
        assert 'href="https://example.com/wire"' in content
        assert f'href="/series/?tags={tag.pk}"' in content
        assert f'href="/series/?characters={character.pk}"' in content
        assert f'href="{edit_url(series)}"' in content
        assert f'href="{delete_url(series)}"' in content


@pytest.mark.django_db
class TestSeriesCreate:
    def test_form_offers_only_own_labels(self, auth_client, user, other_user):
        TagFactory(user=user, name="Mine")
        TagFactory(user=other_user, name="Their secret tag")

        content = auth_client.get(CREATE).content.decode()

        assert "Mine" in content
        assert "Their secret tag" not in content
        for field in ["title", "year", "seasons", "episodes", "status", "rating"]:
            assert f'name="{field}"' in content

    def test_plain_post_creates_and_redirects_to_the_series(self, auth_client, user):
        response = auth_client.post(CREATE, form_data())

        series = Series.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"/series/{series.pk}/"
        assert series.user == user
        assert (series.title, series.year, series.rating) == ("The Wire", 2002, 10)
        assert series.status == "completed"

    def test_htmx_post_loads_the_new_series_in_place(
        self, auth_client, user, htmx_headers
    ):
        response = auth_client.post(CREATE, form_data(), headers=htmx_headers)

        series = Series.objects.get()
        assert response.status_code == 200
        assert f"/series/{series.pk}/" in response["HX-Location"]

    def test_with_tags_and_characters(self, auth_client, user):
        tags = TagFactory.create_batch(2, user=user)
        character = CharacterFactory(user=user)

        auth_client.post(
            CREATE,
            form_data(tags=[t.pk for t in tags], characters=[character.pk]),
        )

        series = Series.objects.get()
        assert set(series.tags.all()) == set(tags)
        assert list(series.characters.all()) == [character]

    def test_with_new_tags_and_characters_named_in_the_form(self, auth_client, user):
        TagFactory(user=user, name="Drama")

        auth_client.post(
            CREATE,
            form_data(new_tags="drama, Crime, crime,  ", new_characters="Omar"),
        )

        series = Series.objects.get()
        assert sorted(t.name for t in series.tags.all()) == ["Crime", "Drama"]
        assert [c.name for c in series.characters.all()] == ["Omar"]
        assert Tag.objects.filter(user=user).count() == 2
        assert Character.objects.get().user == user

    def test_a_foreign_tag_is_a_field_error_and_nothing_is_stored(
        self, auth_client, user, other_user
    ):
        theirs = TagFactory(user=other_user, name="Their secret tag")

        response = auth_client.post(CREATE, form_data(tags=[theirs.pk]))

        content = response.content.decode()
        assert response.status_code == 200
        assert "Select a valid choice." in content
        assert "Their secret tag" not in content
        assert not Series.objects.exists()

    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            ({"title": ""}, "This field is required."),
            ({"title": "   "}, "This field is required."),
            ({"title": "x" * 201}, "at most 200 characters"),
            ({"title": "a\x00b"}, "Null characters are not allowed."),
            ({"year": "1800"}, "greater than or equal to 1900"),
            ({"year": "3000"}, "less than or equal to 2100"),
            ({"year": "abc"}, "Enter a whole number."),
            ({"seasons": "0"}, "greater than or equal to 1"),
            ({"episodes": "-5"}, "greater than or equal to 1"),
            ({"episodes": "1" * 30}, "less than or equal to 100000"),
            ({"rating": "0"}, "greater than or equal to 1"),
            ({"rating": "11"}, "less than or equal to 10"),
            ({"status": "nope"}, "Select a valid choice."),
            ({"link": "javascript:alert(1)"}, "Enter a valid URL."),
            ({"link": "ftp://example.com/x"}, "Enter a valid URL."),
            ({"tags": ["abc"]}, "is not a valid value"),
            ({"tags": ["999999"]}, "Select a valid choice."),
            ({"tags": ["1" * 30]}, "is not a valid value"),
            ({"characters": ["١٢"]}, "is not a valid value"),
            (
                {"new_tags": "ok, bad\x07name"},
                "Control or invisible formatting characters are not allowed.",
            ),
            ({"new_tags": "x" * 101}, "longer than 100 characters"),
        ],
    )
    def test_bad_input_is_refused_and_nothing_stored(
        self, auth_client, overrides, message
    ):
        response = auth_client.post(CREATE, form_data(**overrides))

        assert response.status_code == 200
        assert message in response.content.decode()
        assert not Series.objects.exists()
        assert not Tag.objects.exists()

    def test_errors_keep_what_the_user_typed(self, auth_client):
        response = auth_client.post(CREATE, form_data(rating="11"))

        content = response.content.decode()
        assert 'value="The Wire"' in content
        assert 'value="2002"' in content

    def test_htmx_errors_return_only_the_form(self, auth_client, htmx_headers):
        response = auth_client.post(CREATE, form_data(title=""), headers=htmx_headers)

        content = response.content.decode()
        assert content.lstrip().startswith("<form")
        assert "This field is required." in content
        assert not Series.objects.exists()

    def test_a_failure_while_saving_labels_stores_nothing(
        self, auth_client, user, monkeypatch
    ):
        from catalog.forms import SeriesForm

        def fail(self, series):
            raise RuntimeError("disk full")

        monkeypatch.setattr(SeriesForm, "add_new_labels", fail)

        with pytest.raises(RuntimeError):
            auth_client.post(CREATE, form_data(new_tags="Crime"))

        assert not Series.objects.exists()
        assert not Tag.objects.exists()

    def test_a_post_cannot_set_the_owner(self, auth_client, user, other_user):
        auth_client.post(CREATE, form_data(user=other_user.pk))

        assert Series.objects.get().user == user


@pytest.mark.django_db
class TestSeriesUpdate:
    def test_full_update(self, auth_client, user):
        series = SeriesFactory(user=user, title="Old")

        response = auth_client.post(edit_url(series), edit_data(series, title="New"))

        series.refresh_from_db()
        assert response["Location"] == series.get_absolute_url()
        assert series.title == "New"
        assert series.rating == 10

    def test_partial_update_keeps_the_rest_as_posted(self, auth_client, user):
        series = SeriesFactory(user=user, title="Old", rating=5)
        data = edit_data(series, title="Old", rating="7")

        auth_client.post(edit_url(series), data)

        series.refresh_from_db()
        assert series.rating == 7
        assert series.title == "Old"

    def test_an_edit_without_tags_clears_them(self, auth_client, user):
        tag = TagFactory(user=user)
        series = SeriesFactory(user=user, tags=[tag])

        auth_client.post(edit_url(series), edit_data(series))

        assert not series.tags.exists()
        assert Tag.objects.filter(pk=tag.pk).exists()

    def test_edit_form_shows_current_values(self, auth_client, user):
        tag = TagFactory(user=user, name="Crime")
        series = SeriesFactory(user=user, title="The Wire", tags=[tag])

        content = auth_client.get(edit_url(series)).content.decode()

        assert 'value="The Wire"' in content
        assert re.search(rf'value="{tag.pk}"[^>]*checked', content)

    def test_a_save_made_meanwhile_is_not_overwritten(self, auth_client, user):
        series = SeriesFactory(user=user, title="Original")
        stale = edit_data(series, title="Mine")
        series.title = "Theirs"
        series.save()

        response = auth_client.post(edit_url(series), stale)

        content = response.content.decode()
        series.refresh_from_db()
        assert response.status_code == 200
        assert series.title == "Theirs"
        assert "changed elsewhere after you opened it" in content
        assert 'value="Theirs"' in content

    def test_a_race_past_the_form_check_is_caught_under_the_lock(
        self, auth_client, user, monkeypatch
    ):
        from catalog.forms import SeriesForm

        series = SeriesFactory(user=user, title="Original")
        original_clean = SeriesForm.clean

        def clean_then_race(form):
            cleaned = original_clean(form)
            Series.objects.filter(pk=series.pk).update(title="Theirs")
            Series.objects.get(pk=series.pk).save()
            return cleaned

        monkeypatch.setattr(SeriesForm, "clean", clean_then_race)

        response = auth_client.post(edit_url(series), edit_data(series, title="Mine"))

        series.refresh_from_db()
        assert series.title == "Theirs"
        assert "changed elsewhere" in response.content.decode()

    def test_invalid_edit_changes_nothing(self, auth_client, user):
        series = SeriesFactory(user=user, title="Keep", rating=5)

        response = auth_client.post(edit_url(series), edit_data(series, rating="99"))

        series.refresh_from_db()
        assert response.status_code == 200
        assert (series.title, series.rating) == ("Keep", 5)


@pytest.mark.django_db
class TestSeriesDelete:
    def test_confirm_page(self, auth_client, user):
        series = SeriesFactory(user=user, title="Doomed")

        response = auth_client.get(delete_url(series))

        assert response.status_code == 200
        assert "Delete “Doomed”?" in response.content.decode()
        assert Series.objects.exists()

    def test_post_deletes_and_keeps_the_labels(self, auth_client, user):
        tag = TagFactory(user=user)
        series = SeriesFactory(user=user, title="Doomed", tags=[tag])

        response = auth_client.post(delete_url(series))

        assert response["Location"] == LIST
        assert not Series.objects.exists()
        assert Tag.objects.filter(pk=tag.pk).exists()
        assert "“Doomed” deleted." in auth_client.get(LIST).content.decode()

    def test_htmx_post_loads_the_list(self, auth_client, user, htmx_headers):
        series = SeriesFactory(user=user)

        response = auth_client.post(delete_url(series), headers=htmx_headers)
        page = auth_client.get(LIST, headers=htmx_headers)

        assert LIST in response["HX-Location"]
        assert not Series.objects.exists()
        assert b'id="series-filters"' in page.content
        assert b"<header" in page.content

    def test_deleting_a_tag_keeps_its_series(self, auth_client, user):
        tag = TagFactory(user=user)
        series = SeriesFactory(user=user, tags=[tag])

        auth_client.post(reverse("catalog:tag_delete", args=[tag.pk]))

        assert Series.objects.filter(pk=series.pk).exists()
        assert not series.tags.exists()


@pytest.mark.django_db
class TestSeriesIsolation:
    @pytest.mark.parametrize("name", ["series_detail", "series_edit", "series_delete"])
    @pytest.mark.parametrize("method", ["get", "post"])
    @pytest.mark.parametrize("htmx", [False, True])
    def test_another_users_series_is_404(
        self, auth_client, other_user, name, method, htmx
    ):
        series = SeriesFactory(user=other_user, title="Theirs")
        headers = {"HX-Request": "true"} if htmx else {}

        response = getattr(auth_client, method)(
            reverse(f"catalog:{name}", args=[series.pk]),
            form_data(title="Stolen"),
            headers=headers,
        )

        series.refresh_from_db()
        assert response.status_code == 404
        assert b"Theirs" not in response.content
        assert series.title == "Theirs"

    @pytest.mark.parametrize("url", [LIST, CREATE, "/series/1/", "/series/1/edit/"])
    def test_visitors_are_sent_to_login(self, client, url):
        response = client.get(url)

        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
class TestSeriesQueryCounts:
    """
    The list, its filters and the detail page run a fixed number of
    queries, the same for 1 series as for 50. With the cache in memory, to
    count the page's own queries (the cache's are one round trip on a visit
    and one write after rendering): session, user, the filter's tags and
    characters, the page with its bounded total, and one query each for
    the cards' tags and characters; a page seen before only the first two.
    """

    @pytest.fixture(autouse=True)
    def cache_in_memory(self, settings):
        memory = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        settings.CACHES = {"default": memory, "catalog": memory}
        yield
        caches["catalog"].clear()

    @pytest.mark.parametrize(
        "filters",
        [(), ("status",), ("q",), ("tags",), ("tags", "characters")],
        ids=["none", "status", "q", "tags", "tags+characters"],
    )
    @pytest.mark.parametrize("size", [1, 50])
    def test_list(self, client, django_assert_num_queries, filters, size):
        user = UserFactory()
        tags = TagFactory.create_batch(3, user=user)
        characters = CharacterFactory.create_batch(3, user=user)
        SeriesFactory.create_batch(size, user=user, tags=tags, characters=characters)
        params = {
            "status": "watching",
            "q": "series",
            "tags": ",".join(str(t.pk) for t in tags),
            "characters": ",".join(str(c.pk) for c in characters),
        }
        client.force_login(user)
        query = {f: params[f] for f in filters}

        with django_assert_num_queries(7):
            response = client.get(LIST, query)
        with django_assert_num_queries(2):
            again = client.get(LIST, query)

        assert response.status_code == again.status_code == 200
        assert titles_in(again.content.decode()) == titles_in(response.content.decode())

    @pytest.mark.parametrize("size", [1, 50])
    def test_detail(self, client, django_assert_num_queries, size):
        user = UserFactory()
        tags = TagFactory.create_batch(size, user=user)
        characters = CharacterFactory.create_batch(size, user=user)
        series = SeriesFactory(user=user, tags=tags, characters=characters)
        client.force_login(user)

        with django_assert_num_queries(5):
            response = client.get(series.get_absolute_url())

        assert response.status_code == 200
