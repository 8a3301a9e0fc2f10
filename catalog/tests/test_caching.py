"""
What the series list caches (catalog.versions, catalog.cards) stays true:
each test warms the caches, changes one thing the way a user would, and
looks at the list again.
"""

import re

import pytest
from django.core.cache import cache

from catalog import versions

from .factories import CharacterFactory, SeriesFactory, TagFactory
from .test_posters import image_file, upload_url
from .test_views import LIST, delete_url, edit_data, edit_url, titles_in


@pytest.mark.django_db
class TestCatalogVersion:
    """A token names the current state of each user's catalog; every change
    to their series, labels or links replaces it."""

    def test_stays_while_nothing_changes(self, user):
        assert versions.current(user.pk) == versions.current(user.pk)

    @pytest.mark.parametrize(
        "change",
        [
            "add a series",
            "edit a series",
            "delete a series",
            "add a tag",
            "rename a character",
            "delete a tag",
            "link from the series",
            "link from the label",
            "clear links",
        ],
    )
    def test_moves_with_every_change(self, user, change):
        tag = TagFactory(user=user)
        character = CharacterFactory(user=user)
        series = SeriesFactory(user=user, tags=[tag])
        before = versions.current(user.pk)

        match change:
            case "add a series":
                SeriesFactory(user=user)
            case "edit a series":
                series.title = "Changed"
                series.save()
            case "delete a series":
                series.delete()
            case "add a tag":
                TagFactory(user=user)
            case "rename a character":
                character.name = "Renamed"
                character.save()
            case "delete a tag":
                tag.delete()
            case "link from the series":
                series.characters.add(character)
            case "link from the label":
                character.series.add(series)
            case "clear links":
                series.tags.clear()

        assert versions.current(user.pk) != before

    def test_another_users_changes_leave_it(self, user, other_user):
        before = versions.current(user.pk)

        SeriesFactory(user=other_user, tags=[TagFactory(user=other_user)])

        assert versions.current(user.pk) == before

    def test_a_lost_token_is_replaced_by_a_new_one(self, user):
        before = versions.current(user.pk)

        cache.clear()

        assert versions.current(user.pk) not in {None, before}

    def test_deleting_a_user_with_a_catalog_touches_no_token(
        self, user, django_assert_max_num_queries
    ):
        SeriesFactory.create_batch(20, user=user, tags=[TagFactory(user=user)])

        # The series go with their owner: no token is replaced per series.
        with django_assert_max_num_queries(20):
            user.delete()


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
    Each card is rendered once per version of its series and of the user's
    labels, then served from the ``fragments`` cache. Whatever a card shows
    can change from several places; each test warms the cache first, changes
    one thing, and looks at the list again.
    """

    @pytest.fixture
    def series(self, auth_client, user, kind):
        label = kind.factory(user=user, name="Heist")
        series = SeriesFactory(user=user, title="Money Heist", **{kind.field: [label]})
        assert chips_in(auth_client.get(LIST).content.decode()) == ["Heist"]
        return series

    def test_a_second_visit_serves_the_same_cards_with_fewer_queries(
        self, auth_client, series, django_assert_num_queries
    ):
        first = auth_client.get(LIST).content.decode()

        # Session, user and the catalog's version: the rest is cached.
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
        self, auth_client, user, series, kind
    ):
        getattr(series, kind.field).add(kind.factory(user=user, name="Berlin"))

        content = auth_client.get(LIST).content.decode()
        assert chips_in(content) == ["Berlin", "Heist"]

        getattr(series, kind.field).clear()

        assert chips_in(auth_client.get(LIST).content.decode()) == []

    def test_links_changed_from_the_label_side_show(
        self, auth_client, user, series, kind
    ):
        other = kind.factory(user=user, name="Tokyo")
        other.series.add(series)

        assert chips_in(auth_client.get(LIST).content.decode()) == ["Heist", "Tokyo"]

        kind.model.objects.get(name="Heist").series.clear()
        other.series.remove(series)

        assert chips_in(auth_client.get(LIST).content.decode()) == []

    def test_a_new_poster_shows(self, auth_client, series):
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

    def test_a_new_series_shows_with_the_new_total(self, auth_client, user, catalog):
        SeriesFactory(user=user, title="Severance")

        content = auth_client.get(LIST).content.decode()

        assert titles_in(content) == ["Severance", "Fargo", "The Wire"]
        assert "3 series" in content

    def test_a_deleted_series_leaves(self, auth_client, user, catalog):
        auth_client.post(delete_url(user.series.get(title="Fargo")))

        content = auth_client.get(LIST).content.decode()

        assert titles_in(content) == ["The Wire"]
        assert "1 series" in content

    def test_filters_follow_new_links(self, auth_client, user, catalog):
        catalog.series.add(user.series.get(title="Fargo"))

        content = auth_client.get(LIST, {"tags": catalog.pk}).content.decode()

        assert titles_in(content) == ["Fargo", "The Wire"]

    def test_a_new_tag_is_offered_by_the_filter(self, auth_client, user, catalog):
        tag = TagFactory(user=user, name="Noir")

        content = auth_client.get(LIST).content.decode()

        assert f'for="filter-tag-{tag.pk}">Noir<' in content

    def test_another_users_pages_are_their_own(
        self, client, auth_client, catalog, other_user
    ):
        SeriesFactory(user=other_user, title="Not mine")
        client.force_login(other_user)

        content = client.get(LIST).content.decode()

        assert titles_in(content) == ["Not mine"]
