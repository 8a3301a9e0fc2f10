"""
A token for the current state of each user's catalog.

The series list caches what it shows under the token of the catalog it was
read from (see ``SeriesListView``). Tokens live beside the pages, in the
shared ``catalog`` cache. Every committed change to a user's series, tags,
characters or links gives them a new random token (catalog.signals), so a
page cached before is not served again: old entries are never asked for,
and expire. Writes that send no signals (``bulk_create``, ``QuerySet.update``,
raw SQL, a data migration) must call ``changed()`` for each user they touch,
as ``seed_demo`` does.
"""

import secrets

from django.core.cache import caches
from django.db import transaction


def token_key(user_id):
    return f"catalog-version:{user_id}"


def current(user_id):
    """Return the token of the user's catalog."""
    token = caches["catalog"].get(token_key(user_id))
    return token if token is not None else start(user_id)


def start(user_id):
    """Make a token for a catalog that has none (the first time, or when the
    cache dropped it), or return the one another request just made."""
    cache = caches["catalog"]
    token = secrets.token_hex(8)
    if not cache.add(token_key(user_id), token, timeout=None):
        # Should it be gone again already, this token is as good: new to all.
        token = cache.get(token_key(user_id)) or token
    return token


def changed(user_id):
    """
    Give the user's catalog a new token once the current transaction commits
    (at once outside one). Not before: a request that read the old data
    meanwhile could cache it under the new token, and with the database
    cache the write would lock a shared row until the commit. Should the
    cache be unreachable then, the error is logged, and pages of the old
    catalog may be shown until they expire.
    """
    transaction.on_commit(lambda: renew(user_id), robust=True)


def renew(user_id):
    caches["catalog"].set(token_key(user_id), secrets.token_hex(8), timeout=None)
