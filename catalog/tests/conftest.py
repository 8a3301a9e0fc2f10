from dataclasses import dataclass

import pytest
from django.urls import reverse

from catalog.models import Character, Tag

from .factories import CharacterFactory, TagFactory


@dataclass
class Kind:
    """One kind of label, with what a test needs to reach it."""

    model: type
    factory: type
    prefix: str
    field: str

    @property
    def list_url(self):
        return reverse(f"catalog:{self.prefix}_list")

    def edit_url(self, obj):
        return reverse(f"catalog:{self.prefix}_edit", args=[obj.pk])

    def delete_url(self, obj):
        return reverse(f"catalog:{self.prefix}_delete", args=[obj.pk])


@pytest.fixture(
    params=[
        Kind(Tag, TagFactory, "tag", "tags"),
        Kind(Character, CharacterFactory, "character", "characters"),
    ],
    ids=["tag", "character"],
)
def kind(request):
    """Run a test once for tags and once for characters."""
    return request.param
