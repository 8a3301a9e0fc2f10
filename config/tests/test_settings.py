import importlib
import os

import pytest
from django.db import connection

import config.settings


@pytest.fixture
def settings_with(monkeypatch):
    """Load the settings module again with some environment variables set
    (a value) or unset (None); the real settings come back afterwards."""

    def load(**environment):
        for name, value in environment.items():
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        return importlib.reload(config.settings)

    yield load
    monkeypatch.undo()
    importlib.reload(config.settings)


POSTGRESQL = "postgres://u:p@db:5432/catalog"


def test_tests_run_on_the_database_that_database_url_names():
    expected = "postgresql" if "DATABASE_URL" in os.environ else "sqlite"

    assert connection.vendor == expected


def test_sqlite_without_database_url(settings_with):
    settings = settings_with(DATABASE_URL=None)

    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"


def test_postgresql_connections_are_kept_and_checked(settings_with):
    database = settings_with(DATABASE_URL=POSTGRESQL).DATABASES["default"]

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["CONN_MAX_AGE"] > 0
    assert database["CONN_HEALTH_CHECKS"] is True


@pytest.mark.parametrize(
    ("setting", "prepared"), [(None, True), ("1", True), ("0", False)]
)
def test_postgresql_statements_are_prepared_unless_turned_off(
    settings_with, setting, prepared
):
    settings = settings_with(
        DATABASE_URL=POSTGRESQL, DJANGO_DB_PREPARED_STATEMENTS=setting
    )

    options = settings.DATABASES["default"].get("OPTIONS", {})
    assert options.get("server_side_binding", False) is prepared
    assert (options.get("prepare_threshold") is not None) is prepared


def test_redis_url_moves_both_caches_to_redis_apart(settings_with):
    from django.core.cache.backends.redis import RedisCache

    settings = settings_with(REDIS_URL="redis://cache.example.com:6379/0")

    caches = {
        alias: RedisCache(config["LOCATION"], config)
        for alias, config in settings.CACHES.items()
    }
    assert set(caches) == {"default", "catalog"}
    # The client library is installed, and the keys never meet.
    assert all(cache._cache._lib.__name__ == "redis" for cache in caches.values())
    assert caches["default"].make_key("k") != caches["catalog"].make_key("k")


def test_a_bucket_name_moves_posters_to_private_s3_storage(settings_with):
    settings = settings_with(
        DJANGO_S3_BUCKET="posters", DJANGO_S3_ENDPOINT_URL="https://s3.example.com"
    )

    storage = settings.STORAGES["default"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "posters"
    assert storage["OPTIONS"]["default_acl"] == "private"
    assert storage["OPTIONS"]["querystring_auth"] is True


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
