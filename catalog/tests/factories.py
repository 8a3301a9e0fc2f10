import factory

from accounts.tests.factories import UserFactory
from catalog.models import Character, Tag


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Tag {n}")


class CharacterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Character

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Character {n}")
