"""
Time the pages of one seeded database in-process, through Django's test
client and the project's real middleware, and write the figures as JSON.

``bench.run`` starts this module once per database, with the environment
(``DATABASE_URL``, production-like settings) already set.
"""

import argparse
import json
import math
import re
import statistics
import time
from html import unescape
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from catalog import versions  # noqa: E402
from catalog.models import Character, Series, Tag  # noqa: E402
from catalog.views import SeriesListView  # noqa: E402

PARTIAL = {"HX-Request": "true", "HX-Target": "series-results"}
SCROLL = {"HX-Request": "true", "HX-Target": "next-page"}
COUNT = re.compile(r'id="series-count"[^>]*>\s*([0-9][0-9,]*) series')


class NextPageFinder(HTMLParser):
    """Find the ``hx-get`` of the element with ``id="next-page"``."""

    def __init__(self):
        super().__init__()
        self.url = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id") == "next-page" and attrs.get("hx-get"):
            self.url = unescape(attrs["hx-get"])


def next_page_url(content):
    finder = NextPageFinder()
    finder.feed(content.decode())
    return finder.url


def scroll_url(client, target_page, total):
    """
    Return the URL that the infinite scroll asks for as page ``target_page``
    (or the last page, when there are fewer) and that page's number. A plain
    ``?page=N`` link is used as is; any other link (a keyset cursor) is
    followed page after page, as a browser would.
    """
    url = next_page_url(client.get("/series/").content)
    if url is None:
        return "/series/", 1
    if parse_qs(urlsplit(url).query) == {"page": ["2"]}:
        # The paginator answers a page past the end with the last one.
        last = max(1, math.ceil(total / SeriesListView.paginate_by))
        return f"/series/?page={target_page}", min(target_page, last)
    number = 2
    while number < target_page:
        following = next_page_url(client.get(url, headers=SCROLL).content)
        if following is None:
            break
        url, number = following, number + 1
    return url, number


def pick(user):
    """Choose the ids and words the filtered rows use, from the data."""
    tags = list(
        Tag.objects.for_user(user)
        .annotate(n=Count("series"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)[:2]
    )
    character = (
        Character.objects.for_user(user)
        .annotate(n=Count("series"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    newest = Series.objects.for_user(user).order_by("-created", "-pk").first()
    words = newest.title.split()
    word = words[1] if len(words) > 1 else words[0]
    return tags, character, newest.pk, word.lower()


def rows(client, user, deep_page):
    tags, character, series_pk, word = pick(user)
    one, two = f"{tags[0]}", f"{tags[0]},{tags[1]}"
    total = Series.objects.for_user(user).count()
    deep_url, deep_number = scroll_url(client, deep_page, total)
    return [
        ("floor", "floor: /healthz (SELECT 1)", "/healthz", {}),
        ("series", "/series/ page 1, full", "/series/", {}),
        ("partial", "/series/ page 1, htmx partial", "/series/", PARTIAL),
        ("tag", "/series/ popular tag", f"/series/?tags={one}", {}),
        ("two_tags", "/series/ two tags", f"/series/?tags={two}", {}),
        ("character", "/series/ a character", f"/series/?characters={character}", {}),
        ("status", "/series/?status=watching", "/series/?status=watching", {}),
        ("q", f"/series/?q={word}", f"/series/?q={word}", {}),
        ("scroll", f"scroll, page {deep_number} (htmx)", deep_url, SCROLL),
        ("detail", "/series/<id>/", f"/series/{series_pk}/", {}),
        ("tags", "/tags/?assigned_only=1", "/tags/?assigned_only=1", {}),
        ("characters", "/characters/", "/characters/", {}),
    ]


def uncached_rows(user):
    """Rows timed with a new version of the catalog before each request, as
    after any change: the page is read and rendered again (and cached)."""
    return [
        (
            "changed",
            "/series/ after a catalog change",
            "/series/",
            lambda: versions.renew(user.pk),
        )
    ]


def time_row(client, path, headers=None):
    start = time.perf_counter()
    client.get(path, headers=headers or {})
    return (time.perf_counter() - start) * 1000


def describe(client, label, path, headers=None):
    """Fetch ``path`` once more, counting its queries and bytes."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, headers=headers or {})
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    found = COUNT.search(response.content.decode())
    return {
        "label": label,
        "path": path,
        "queries": len(queries),
        "bytes": len(response.content),
        "matches": int(found[1].replace(",", "")) if found else None,
        "times": [],
    }


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--email", required=True)
    parser.add_argument("--samples", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--deep-page", type=int, default=200)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    user = get_user_model().objects.get(email__iexact=args.email)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    plan = rows(client, user, args.deep_page)

    results = {}
    for key, label, path, headers in plan:
        for _ in range(args.warmup):
            client.get(path, headers=headers)
        results[key] = describe(client, label, path, headers)
    # Round-robin: a burst of load from elsewhere on the machine touches
    # every row alike, the floor included, instead of one row's samples.
    for _ in range(args.samples):
        for key, _label, path, headers in plan:
            results[key]["times"].append(time_row(client, path, headers))
    # Then the rows that start a new catalog version, after the others: in
    # the round-robin every following row would be uncached too.
    for key, label, path, empty in uncached_rows(user):
        empty()
        results[key] = describe(client, label, path)
        for _ in range(args.samples):
            empty()
            results[key]["times"].append(time_row(client, path))
    for row in results.values():
        times = row.pop("times")
        row["p50"] = statistics.median(times)
        row["p95"] = percentile(times, 0.95)

    with open(args.out, "w") as out:
        json.dump(
            {
                "rows": results,
                "sessionid": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "series_total": Series.objects.count(),
                "series_user": Series.objects.for_user(user).count(),
            },
            out,
        )


if __name__ == "__main__":
    main()
