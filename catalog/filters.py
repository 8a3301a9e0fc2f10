import re
from urllib.parse import urlencode

import django_filters
from django import forms

from .models import Character, Series, Tag


class FlagInput(forms.CheckboxInput):
    """A checkbox whose value counts as checked only when it says so
    (``1``, ``true``, ``on``); anything else is unchecked."""

    def value_from_datadict(self, data, files, name):
        return str(data.get(name, "")).strip().lower() in {"1", "true", "on"}


class LabelFilter(django_filters.FilterSet):
    """Filter a user's tags or characters by name (``?q=``)."""

    q = django_filters.CharFilter(
        method="filter_q", label="Search", max_length=100, strip=True
    )
    assigned_only = django_filters.BooleanFilter(
        method="filter_assigned_only",
        label="Only those used by a series",
        widget=FlagInput,
    )

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_assigned_only(self, queryset, name, value):
        return queryset.assigned() if value else queryset


class TagFilter(LabelFilter):
    class Meta:
        model = Tag
        fields = ["q", "assigned_only"]


class CharacterFilter(LabelFilter):
    class Meta:
        model = Character
        fields = ["q", "assigned_only"]


ID_PATTERN = re.compile(r"[0-9]{1,18}", re.ASCII)


class IdListField(forms.Field):
    """
    A list of ids from repeated parameters, comma-separated lists or both
    (``tags=1,2&tags=3``). Each id is ASCII digits that fit a bigint;
    anything else is a validation error, never a database error.
    """

    # Reads every value of a repeated parameter. The series list renders its
    # own checkboxes (the label pickers), never this widget.
    widget = forms.CheckboxSelectMultiple

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        tokens = [t.strip() for raw in value for t in str(raw).split(",")]
        ids = []
        for token in filter(None, tokens):
            if not ID_PATTERN.fullmatch(token):
                shown = token if len(token) <= 20 else f"{token[:20]}…"
                shown = "".join(c if c.isprintable() else "\ufffd" for c in shown)
                raise forms.ValidationError(
                    "“%(value)s” is not a valid id.",
                    code="invalid_id",
                    params={"value": shown},
                )
            ids.append(int(token))
        return list(dict.fromkeys(ids))


class IdListFilter(django_filters.Filter):
    field_class = IdListField


class SeriesFilter(django_filters.FilterSet):
    """
    Filter a user's series by title (``q``), ``status``, and any of the
    given ``tags`` and ``characters``. Ids of labels that are not the user's
    match nothing.
    """

    q = django_filters.CharFilter(
        method="filter_q", label="Title", max_length=200, strip=True
    )
    status = django_filters.ChoiceFilter(
        choices=Series.Status.choices, empty_label="Any status"
    )
    tags = IdListFilter(method="filter_tags", label="Tags")
    characters = IdListFilter(method="filter_characters", label="Characters")

    class Meta:
        model = Series
        fields = ["q", "status", "tags", "characters"]

    def __init__(self, *args, request, labels=None, **kwargs):
        """``labels``: the user's ``label_choices``, when the caller has
        them already."""
        super().__init__(*args, request=request, **kwargs)
        if labels is None:
            labels = label_choices(request.user)
        self.tag_choices, self.character_choices = labels
        self.form.fields["status"].widget.attrs["class"] = "form-select"

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_tags(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.with_any_tag(self.own_ids(value, self.tag_choices))

    def filter_characters(self, queryset, name, value):
        if not value:
            return queryset
        own = self.own_ids(value, self.character_choices)
        return queryset.with_any_character(own)

    def get_active_filters(self):
        """
        Describe each active filter value as ``(text, query)``, where
        ``query`` is the query string without that value: a chip and its
        remove link.
        """
        if not self.is_bound or not self.is_valid():
            return []
        data = self.form.cleaned_data
        current = {
            "q": data.get("q") or "",
            "status": data.get("status") or "",
            "tags": self.own_ids(data.get("tags"), self.tag_choices),
            "characters": self.own_ids(data.get("characters"), self.character_choices),
        }
        chips = []
        if current["q"]:
            chips.append((f"Title: “{current['q']}”", encode(current, q="")))
        if current["status"]:
            label = Series.Status(current["status"]).label
            chips.append((f"Status: {label}", encode(current, status="")))
        for key, choices, noun in [
            ("tags", self.tag_choices, "Tag"),
            ("characters", self.character_choices, "Character"),
        ]:
            for pk, name in choices:
                if pk in current[key]:
                    rest = [i for i in current[key] if i != pk]
                    chips.append((f"{noun}: {name}", encode(current, **{key: rest})))
        return chips

    def get_unknown_ids(self):
        """Return how many requested tag or character ids are not the user's."""
        if not self.is_bound or not self.is_valid():
            return 0
        data = self.form.cleaned_data
        unknown = 0
        for key, choices in [
            ("tags", self.tag_choices),
            ("characters", self.character_choices),
        ]:
            requested = data.get(key) or []
            unknown += len(requested) - len(self.own_ids(requested, choices))
        return unknown

    @staticmethod
    def own_ids(ids, choices):
        own = {pk for pk, _ in choices}
        return [pk for pk in ids or [] if pk in own]


def label_choices(user):
    """Return the user's tags and characters, each as ``(pk, name)`` pairs,
    A to Z."""
    return (
        list(Tag.objects.for_user(user).values_list("pk", "name")),
        list(Character.objects.for_user(user).values_list("pk", "name")),
    )


def encode(current, **changes):
    """Build a series list query string from ``current`` with ``changes``."""
    values = current | changes
    params = {}
    for key in ("q", "status"):
        if values[key]:
            params[key] = values[key]
    for key in ("tags", "characters"):
        if values[key]:
            params[key] = ",".join(str(pk) for pk in values[key])
    return urlencode(params)
