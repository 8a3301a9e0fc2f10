import os

import pytest
from django.db import connection


def test_tests_run_on_the_database_that_database_url_names():
    expected = "postgresql" if "DATABASE_URL" in os.environ else "sqlite"

    assert connection.vendor == expected


def test_sqlite_without_database_url(monkeypatch):
    import importlib

    import config.settings

    monkeypatch.delenv("DATABASE_URL", raising=False)
    settings = importlib.reload(config.settings)
    try:
        assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    finally:
        monkeypatch.undo()
        importlib.reload(config.settings)


def test_postgresql_connections_are_kept_and_checked(monkeypatch):
    import importlib

    import config.settings

    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db:5432/catalog")
    settings = importlib.reload(config.settings)
    try:
        database = settings.DATABASES["default"]
        assert database["ENGINE"] == "django.db.backends.postgresql"
        assert database["CONN_MAX_AGE"] > 0
        assert database["CONN_HEALTH_CHECKS"] is True
    finally:
        monkeypatch.undo()
        importlib.reload(config.settings)


@pytest.mark.parametrize(
    ("setting", "prepared"), [(None, True), ("1", True), ("0", False)]
)
def test_postgresql_statements_are_prepared_unless_turned_off(
    monkeypatch, setting, prepared
):
    import importlib

    import config.settings

    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db:5432/catalog")
    if setting is None:
        monkeypatch.delenv("DJANGO_DB_PREPARED_STATEMENTS", raising=False)
    else:
        monkeypatch.setenv("DJANGO_DB_PREPARED_STATEMENTS", setting)
    settings = importlib.reload(config.settings)
    try:
        options = settings.DATABASES["default"].get("OPTIONS", {})
        assert options.get("server_side_binding", False) is prepared
        assert (options.get("prepare_threshold") is not None) is prepared
    finally:
        monkeypatch.undo()
        importlib.reload(config.settings)


def test_redis_url_moves_both_caches_to_redis_apart(monkeypatch):
    import importlib

    from django.core.cache.backends.redis import RedisCache

    import config.settings

    monkeypatch.setenv("REDIS_URL", "redis://cache.example.com:6379/0")
    settings = importlib.reload(config.settings)
    try:
        caches = {
            alias: RedisCache(config["LOCATION"], config)
            for alias, config in settings.CACHES.items()
        }
        assert set(caches) == {"default", "catalog"}
        # The client library is installed, and the keys never meet.
        assert all(cache._cache._lib.__name__ == "redis" for cache in caches.values())
        assert caches["default"].make_key("k") != caches["catalog"].make_key("k")
    finally:
        monkeypatch.undo()
        importlib.reload(config.settings)


def test_a_bucket_name_moves_posters_to_private_s3_storage(monkeypatch):
    import importlib

    import config.settings

    monkeypatch.setenv("DJANGO_S3_BUCKET", "posters")
    monkeypatch.setenv("DJANGO_S3_ENDPOINT_URL", "https://s3.example.com")
    settings = importlib.reload(config.settings)
    try:
        storage = settings.STORAGES["default"]
        assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
        assert storage["OPTIONS"]["bucket_name"] == "posters"
        assert storage["OPTIONS"]["default_acl"] == "private"
        assert storage["OPTIONS"]["querystring_auth"] is True
    finally:
        monkeypatch.undo()
        importlib.reload(config.settings)


def test_the_s3_backend_signs_its_urls():
    from storages.backends.s3 import S3Storage

    storage = S3Storage(
        bucket_name="posters",
        endpoint_url="https://s3.example.com",
        access_key="key",
        secret_key="secret",
        region_name="us-east-1",
        querystring_auth=True,
        default_acl="private",
    )

    url = storage.url("uploads/series/abc.jpg")

    assert url.startswith("https://s3.example.com/posters/uploads/series/abc.jpg?")
    assert "Signature" in url or "X-Amz-Signature" in url
