import unicodedata
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models, transaction
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse

# Zero-width joiners are part of emoji sequences; every other format
# character (bidi overrides, zero-width spaces, byte order marks) can hide or
# disguise text, so names refuse them with the control characters.
ALLOWED_FORMAT_CHARACTERS = {"\u200c", "\u200d"}


def validate_no_control_characters(value):
    """Refuse control, invisible formatting and separator characters."""
    for char in value:
        category = unicodedata.category(char)
        hidden = category == "Cf" and char not in ALLOWED_FORMAT_CHARACTERS
        if category in {"Cc", "Cs", "Co", "Zl", "Zp"} or hidden:
            raise ValidationError(
                "Control or invisible formatting characters are not allowed.",
                code="control_characters",
            )


class LabelQuerySet(models.QuerySet):
    def for_user(self, user):
        """Return the rows that belong to ``user``, and no one else's."""
        return self.filter(user=user)

    def search(self, text):
        """Return the labels whose name contains ``text``, ignoring case."""
        return self.filter(name__icontains=text)

    def a_to_z(self):
        return self.order_by(Lower("name"), "pk")

    def assigned(self):
        """Return the labels used by at least one series, each once."""
        return self.filter(series_count__gt=0)

    def recount_series(self):
        """Set ``series_count`` from the links themselves: after bulk inserts
        that bypass the signals that keep it, or to repair it."""
        name = self.model._meta.model_name
        links = (
            self.model.series.through.objects.filter(**{name: models.OuterRef("pk")})
            .order_by()
            .values(name)
            .annotate(total=models.Count("*"))
            .values("total")
        )
        return self.update(
            series_count=Coalesce(models.Subquery(links), models.Value(0))
        )


class Label(models.Model):
    """
    A named label that one user attaches to their series: the base of Tag
    and Character. Names are unique per user, ignoring case.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(max_length=100, validators=[validate_no_control_characters])
    # How many series use the label, kept by catalog.signals so that lists
    # show it without counting links (which grows with the catalog).
    series_count = models.PositiveIntegerField(default=0, editable=False)
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
                violation_error_message=(
                    "This user already has one with this name (ignoring case)."
                ),
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


def series_image_path(instance, filename):
    """Name an uploaded poster ``uploads/series/<uuid>.<ext>``, whatever it
    was called, keeping only a short, lower-case extension."""
    suffix = PurePath(filename).suffix.lower()
    if not (suffix[1:].isascii() and suffix[1:].isalnum() and len(suffix) <= 5):
        suffix = ""
    return f"uploads/series/{uuid.uuid4().hex}{suffix}"


class CountUpTo(models.Subquery):
    """The number of rows of a queryset, counted up to ``limit``: a subquery
    that does not refer to the rows around it, so the database runs it once
    per query."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = models.IntegerField()

    def __init__(self, queryset, limit):
        super().__init__(queryset.order_by().values("pk")[:limit])


class SeriesQuerySet(models.QuerySet):
    def for_user(self, user):
        """Return the series that belong to ``user``, and no one else's."""
        return self.filter(user=user)

    def newest_first(self):
        return self.order_by("-created", "-pk")

    def after(self, created, pk):
        """Return the series that come after ``(created, pk)`` newest first:
        a range on the ``series_user_newest`` index, however deep."""
        return self.filter(created__lte=created).exclude(created=created, pk__gte=pk)

    def with_total(self, limit):
        """Give each row ``total``: how many rows this queryset holds (before
        any filter added later, such as a page's cursor), counted up to
        ``limit``. A page and its total then take one query."""
        return self.annotate(total=CountUpTo(self, limit))

    def with_labels(self):
        """Fetch tags and characters in one query each, A to Z."""
        return self.prefetch_related(
            models.Prefetch("tags", queryset=Tag.objects.order_by(Lower("name"))),
            models.Prefetch(
                "characters", queryset=Character.objects.order_by(Lower("name"))
            ),
        )

    def with_any_tag(self, tag_ids):
        """Return the series that have at least one of ``tag_ids``."""
        through = Series.tags.through
        return self.filter(
            models.Exists(
                through.objects.filter(series=models.OuterRef("pk"), tag__in=tag_ids)
            )
        )

    def with_any_character(self, character_ids):
        """Return the series that have at least one of ``character_ids``."""
        through = Series.characters.through
        return self.filter(
            models.Exists(
                through.objects.filter(
                    series=models.OuterRef("pk"), character__in=character_ids
                )
            )
        )

    def search(self, text):
        """Return the series whose title contains ``text``, ignoring case."""
        return self.filter(title__icontains=text)


class SeriesStatus(models.TextChoices):
    PLANNED = "planned", "Plan to watch"
    WATCHING = "watching", "Watching"
    COMPLETED = "completed", "Completed"
    DROPPED = "dropped", "Dropped"


MIN_YEAR, MAX_YEAR = 1900, 2100


class Series(models.Model):
    Status = SeriesStatus

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="series"
    )
    title = models.CharField(
        max_length=200, validators=[validate_no_control_characters]
    )
    description = models.TextField(blank=True, max_length=5000)
    year = models.PositiveSmallIntegerField(
        "year first aired",
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)],
    )
    seasons = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(999)],
    )
    episodes = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    rating = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="From 1 to 10.",
    )
    link = models.URLField(
        blank=True,
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="series")
    characters = models.ManyToManyField(Character, blank=True, related_name="series")
    image = models.ImageField(
        "poster", upload_to=series_image_path, blank=True, db_index=True
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = SeriesQuerySet.as_manager()

    class Meta:
        verbose_name = "series"
        verbose_name_plural = "series"
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created", "-id"], name="series_user_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True)
                | models.Q(rating__gte=1, rating__lte=10),
                name="series_rating_1_to_10",
            ),
            models.CheckConstraint(
                condition=models.Q(year__isnull=True)
                | models.Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR),
                name="series_year_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["planned", "watching", "completed", "dropped"]
                ),
                name="series_status_known",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("catalog:series_detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        # Deleting the series deletes its links without m2m_changed signals:
        # take it off its labels' counts here. (Deleting a user deletes its
        # labels too, so that cascade needs no counting.)
        with transaction.atomic():
            for related in (self.tags, self.characters):
                related.model.objects.filter(pk__in=related.values("pk")).update(
                    series_count=models.F("series_count") - 1
                )
            return super().delete(*args, **kwargs)

    def poster_url(self, suffix):
        """URL of a poster rendition (see ``catalog.posters.RENDITIONS``)."""
        from .posters import rendition_name

        return self.image.storage.url(rendition_name(self.image.name, suffix))

    @property
    def thumbnail_url(self):
        return self.poster_url("thumb")

    @property
    def thumbnail_2x_url(self):
        return self.poster_url("thumb2x")

    @property
    def large_url(self):
        return self.poster_url("large")
