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
