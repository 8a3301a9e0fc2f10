import pytest
from django.db import IntegrityError

from .factories import CharacterFactory, TagFactory


@pytest.mark.django_db
class TestLabels:
    def test_str_is_the_name(self, kind):
        assert str(kind.factory.build(name="Drama")) == "Drama"

    def test_names_are_unique_per_user_ignoring_case(self, kind, user):
        kind.factory(user=user, name="Drama")

        with pytest.raises(IntegrityError):
            kind.factory(user=user, name="DRAMA")

    def test_another_users_identical_name_is_no_conflict(self, kind, user, other_user):
        kind.factory(user=user, name="Drama")
        kind.factory(user=other_user, name="Drama")

        assert kind.model.objects.count() == 2

    def test_for_user_returns_only_own_rows_a_to_z(self, kind, user, other_user):
        kind.factory(user=user, name="beta")
        kind.factory(user=user, name="Alpha")
        kind.factory(user=user, name="Gamma")
        kind.factory(user=other_user, name="Aardvark")

        names = [label.name for label in kind.model.objects.for_user(user)]

        assert names == ["Alpha", "beta", "Gamma"]


def test_tags_and_characters_share_one_base():
    from catalog.models import Label

    assert issubclass(TagFactory._meta.model, Label)
    assert issubclass(CharacterFactory._meta.model, Label)


@pytest.mark.django_db
class TestSeriesCounts:
    """Each label's ``series_count`` follows its links, however they change."""

    def counts(self, *labels):
        return [type(label).objects.get(pk=label.pk).series_count for label in labels]

    def test_add_set_remove_and_clear_from_the_series(self, user):
        from .factories import SeriesFactory

        drama, crime = TagFactory(user=user), TagFactory(user=user)
        series = SeriesFactory(user=user, tags=[drama])

        series.tags.add(crime)
        assert self.counts(drama, crime) == [1, 1]
        series.tags.set([crime])
        assert self.counts(drama, crime) == [0, 1]
        series.tags.remove(crime)
        assert self.counts(drama, crime) == [0, 0]
        series.tags.set([drama, crime])
        series.tags.clear()
        assert self.counts(drama, crime) == [0, 0]

    def test_changes_from_the_label_side(self, user):
        from .factories import SeriesFactory

        omar = CharacterFactory(user=user)
        first, second = SeriesFactory(user=user), SeriesFactory(user=user)

        omar.series.add(first, second)
        assert self.counts(omar) == [2]
        omar.series.remove(first)
        assert self.counts(omar) == [1]
        omar.series.clear()
        assert self.counts(omar) == [0]

    def test_deleting_a_series_takes_it_off_the_counts(self, user):
        from .factories import SeriesFactory

        drama, omar = TagFactory(user=user), CharacterFactory(user=user)
        series = SeriesFactory(user=user, tags=[drama], characters=[omar])
        SeriesFactory(user=user, tags=[drama])

        series.delete()

        assert self.counts(drama, omar) == [1, 0]

    def test_recount_repairs_counts(self, user):
        from catalog.models import Tag

        from .factories import SeriesFactory

        drama = TagFactory(user=user)
        SeriesFactory.create_batch(3, user=user, tags=[drama])
        Tag.objects.update(series_count=42)

        Tag.objects.all().recount_series()

        assert self.counts(drama) == [3]
