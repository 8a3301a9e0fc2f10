"""
Cursors for the series list: a page starts after the last series of the page
before it, named by its creation time (in microseconds) and id.
"""

import re
from datetime import UTC, datetime, timedelta

CURSOR = re.compile(r"([0-9]{1,17})\.([0-9]{1,18})", re.ASCII)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def make_cursor(series):
    """Name the position just after ``series``."""
    delta = series.created - EPOCH
    micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    return f"{micros}.{series.pk}"


def parse_cursor(value):
    """Return ``(created, pk)`` from a cursor, or None when it is not one."""
    match = CURSOR.fullmatch(value or "")
    if match is None:
        return None
    micros, pk = int(match[1]), int(match[2])
    try:
        created = EPOCH + timedelta(microseconds=micros)
    except OverflowError:
        return None
    if created.year > 9000 or pk > 2**63 - 1:
        return None
    return created, pk
