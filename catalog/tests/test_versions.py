"""The version token of each user's catalog, and the signals that replace it."""

import pytest
from django.core.cache import caches

from accounts.tests.factories import UserFactory
from catalog import versions

from .factories import CharacterFactory, SeriesFactory, TagFactory


@pytest.mark.django_db
class TestCatalogVersion:
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
            "unlink from the label",
            "clear links",
        ],
    )
    def test_moves_once_a_change_commits(
        self, user, change, django_capture_on_commit_callbacks
    ):
        tag = TagFactory(user=user)
        character = CharacterFactory(user=user)
        series = SeriesFactory(user=user, tags=[tag])
        before = versions.current(user.pk)

        with django_capture_on_commit_callbacks() as callbacks:
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
                case "unlink from the label":
                    tag.series.remove(series)
                case "clear links":
                    series.tags.clear()
            # Nothing moves before the commit: a request reading the old
            # data meanwhile caches it under the old token.
            assert versions.current(user.pk) == before
        for callback in callbacks:
            callback()

        assert versions.current(user.pk) != before

    def test_another_users_changes_leave_it(
        self, user, other_user, django_capture_on_commit_callbacks
    ):
        before = versions.current(user.pk)

        with django_capture_on_commit_callbacks(execute=True):
            SeriesFactory(user=other_user, tags=[TagFactory(user=other_user)])

        assert versions.current(user.pk) == before

    def test_a_lost_token_is_replaced_by_a_new_one(self, user):
        before = versions.current(user.pk)

        caches["catalog"].clear()

        assert versions.current(user.pk) not in {None, before}

    def test_deleting_a_user_renews_nothing_per_series(self, user, monkeypatch):
        SeriesFactory.create_batch(5, user=user, tags=[TagFactory(user=user)])
        renewed = []
        monkeypatch.setattr(versions, "changed", renewed.append)

        user.delete()

        assert renewed == []

    def test_a_new_user_starts_with_a_new_token(self, db, monkeypatch):
        renewed = []
        monkeypatch.setattr(versions, "changed", renewed.append)

        user = UserFactory()

        assert renewed == [user.pk]
