import factory

from accounts.tests.factories import UserFactory
from catalog.models import Character, Series, Tag


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


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Series {n}")
    year = 2015
    seasons = 3
    episodes = 30
    status = Series.Status.WATCHING
    rating = 8

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)

    @factory.post_generation
    def characters(self, create, extracted, **kwargs):
        if create and extracted:
            self.characters.set(extracted)
