import pytest

from catalog.filters import CharacterFilter, LabelFilter, TagFilter

from .factories import CharacterFactory, TagFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("filterset", "factory"),
    [(TagFilter, TagFactory), (CharacterFilter, CharacterFactory)],
)
class TestLabelFilter:
    def test_q_matches_names_containing_it_ignoring_case(
        self, filterset, factory, user
    ):
        factory(user=user, name="Drama")
        factory(user=user, name="melodrama")
        factory(user=user, name="Comedy")
        queryset = factory._meta.model.objects.for_user(user)

        result = filterset({"q": " DRAMA "}, queryset=queryset).qs

        assert sorted(label.name for label in result) == ["Drama", "melodrama"]

    def test_a_too_long_search_is_invalid(self, filterset, factory, user):
        queryset = factory._meta.model.objects.for_user(user)

        result = filterset({"q": "x" * 101}, queryset=queryset)

        assert not result.is_valid()
        assert "q" in result.errors

    def test_is_a_label_filter(self, filterset, factory):
        assert issubclass(filterset, LabelFilter)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "assigned_only"),
    [("1", True), ("true", True), ("on", True), ("abc", False), ("0", False)],
)
def test_assigned_only_is_on_only_when_it_says_so(user, value, assigned_only):
    from .factories import SeriesFactory

    used = TagFactory(user=user, name="Used")
    TagFactory(user=user, name="Unused")
    SeriesFactory(user=user, tags=[used])
    queryset = TagFactory._meta.model.objects.for_user(user)

    names = {t.name for t in TagFilter({"assigned_only": value}, queryset=queryset).qs}

    assert names == ({"Used"} if assigned_only else {"Used", "Unused"})
