import os

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
