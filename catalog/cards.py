"""
The cards of the series list, rendered once and then served from the
``fragments`` cache (see ``CACHES`` in the settings).

A card's key names what the card shows: the series, its ``updated`` time
(which moves with every save and every change to its links, see
catalog.signals) and a digest of the user's tag and character names (a
rename or a delete changes the digest). Nothing has to be told when a card
goes stale, so each web process may keep its own cache: a process that has
not seen the current version of a card renders it, once.
"""

import hashlib
from collections import defaultdict

from django.core.cache import caches
from django.db.models.functions import Lower
from django.template.loader import render_to_string

from .models import Series

TEMPLATE = "catalog/series_list.html#card"
# Cards hold poster URLs, which S3 storage signs for an hour: keep a card for
# half of that, so that a page never offers a URL about to expire.
TIMEOUT = 30 * 60


def labels_digest(*choice_lists):
    """A short digest of ``(pk, name)`` lists: of the user's labels, for
    the keys of cards and of the filter's label pickers."""
    return hashlib.blake2b(repr(choice_lists).encode(), digest_size=8).hexdigest()


def card_key(series, digest):
    return f"card:{series.pk}:{series.updated.isoformat()}:{digest}"


def render_cards(series_list, *, digest, list_url):
    """Return the HTML of each series' card, in order: from the cache in
    one round trip, rendering (and caching) only the cards it lacks."""
    cache = caches["fragments"]
    series_by_key = {card_key(series, digest): series for series in series_list}
    cards = cache.get_many(series_by_key)
    missing = [series for key, series in series_by_key.items() if key not in cards]
    if missing:
        tags = label_names(missing, "tags")
        characters = label_names(missing, "characters")
        fresh = {
            card_key(series, digest): render_to_string(
                TEMPLATE,
                {
                    "series": series,
                    "tags": tags[series.pk],
                    "characters": characters[series.pk],
                    "list_url": list_url,
                },
            )
            for series in missing
        }
        cache.set_many(fresh, TIMEOUT)
        cards |= fresh
    return [cards[key] for key in series_by_key]


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
