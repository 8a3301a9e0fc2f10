"""
A token for the current state of each user's catalog.

The series list caches its data in each web process (the ``fragments``
cache) under the token of the catalog it was read from. Tokens live in the
shared default cache, and every change to a user's series, tags, characters
or links replaces theirs with a new random one (catalog.signals). A process
therefore never serves data of an older catalog: it simply never asks for
entries under an old token again.
"""

import secrets

from django.core.cache import cache
from django.db import transaction


def token_key(user_id):
    return f"catalog-version:{user_id}"


def current(user_id):
    """Return the token of the user's catalog, making one if there is none
    (the first time, or when the cache has dropped it)."""
    key = token_key(user_id)
    token = cache.get(key)
    if token is None:
        token = secrets.token_hex(8)
        if not cache.add(key, token, timeout=None):
            # Another request made one meanwhile; use it. (Should it be gone
            # again already, this token is new to everyone, which is as good.)
            token = cache.get(key) or token
    return token


def changed(user_id):
    """Give the user's catalog a new token, now and again once the current
    transaction commits: a request that read the data just before the commit
    may have cached it under the first new token (the database cache changes
    with the transaction; Redis does not)."""
    renew(user_id)
    transaction.on_commit(lambda: renew(user_id), robust=True)


def renew(user_id):
    cache.set(token_key(user_id), secrets.token_hex(8), timeout=None)
