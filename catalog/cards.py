"""
The cards of the series list: a poster thumbnail, the facts and the label
chips of each series, rendered from the ``card`` partial of the list.
"""

from collections import defaultdict

from django.db.models.functions import Lower
from django.template.loader import render_to_string

from .models import Series

TEMPLATE = "catalog/series_list.html#card"


def render_cards(series_list, *, list_url):
    """Return the HTML of each series' card, in order."""
    tags = label_names(series_list, "tags")
    characters = label_names(series_list, "characters")
    return [
        render_to_string(
            TEMPLATE,
            {
                "series": series,
                "tags": tags[series.pk],
                "characters": characters[series.pk],
                "list_url": list_url,
            },
        )
        for series in series_list
    ]


def label_names(series_list, field):
    """Map each series' pk to its ``(pk, name)`` labels of ``field``, A to
    Z, in one query: plain values, no model instances."""
    through = getattr(Series, field).through
    label = getattr(Series, field).field.m2m_reverse_field_name()
    rows = (
        through.objects.filter(series__in=[series.pk for series in series_list])
        .order_by(Lower(f"{label}__name"), label)
        .values_list("series", label, f"{label}__name")
    )
    labels = defaultdict(list)
    for series_pk, pk, name in rows:
        labels[series_pk].append((pk, name))
    return labels
