import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse


def validate_no_control_characters(value):
    """Refuse control, line and paragraph separator characters in a name."""
    if any(unicodedata.category(char) in {"Cc", "Zl", "Zp"} for char in value):
        raise ValidationError(
            "Control characters are not allowed.", code="control_characters"
        )


class LabelQuerySet(models.QuerySet):
    def for_user(self, user):
        """Return the rows that belong to ``user``, and no one else's."""
        return self.filter(user=user)

    def search(self, text):
        """Return the labels whose name contains ``text``, ignoring case."""
        return self.filter(name__icontains=text)


class Label(models.Model):
    """
    A named label that one user attaches to their series: the base of Tag
    and Character. Names are unique per user, ignoring case.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(max_length=100, validators=[validate_no_control_characters])
    created = models.DateTimeField(auto_now_add=True)

    objects = LabelQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = [Lower("name"), "pk"]
        constraints = [
            models.UniqueConstraint(
                models.F("user"),
                Lower("name"),
                name="%(app_label)s_%(class)s_unique_name_per_user",
            ),
        ]

    def __str__(self):
        return self.name

    def get_edit_url(self):
        return reverse(f"catalog:{self._meta.model_name}_edit", args=[self.pk])

    def get_delete_url(self):
        return reverse(f"catalog:{self._meta.model_name}_delete", args=[self.pk])

    @classmethod
    def get_list_url(cls):
        return reverse(f"catalog:{cls._meta.model_name}_list")


class Tag(Label):
    class Meta(Label.Meta):
        verbose_name = "tag"
        verbose_name_plural = "tags"


class Character(Label):
    class Meta(Label.Meta):
        verbose_name = "character"
        verbose_name_plural = "characters"
