import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError

ROOT = Path(__file__).resolve().parents[2]
UNREACHABLE = "postgres://postgres@127.0.0.1:1/nothing"


def manage(*args, **env):
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DJANGO_") and k != "DATABASE_URL"
    }
    environ |= {"DJANGO_SETTINGS_MODULE": "config.settings", **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


class TestWaitForDb:
    def test_retries_until_the_database_answers(self):
        out = StringIO()
        failures = [OperationalError("refused")] * 3 + [None]
        with (
            mock.patch(
                "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection",
                side_effect=failures,
            ) as ensure,
            mock.patch("time.sleep") as sleep,
        ):
            call_command("wait_for_db", "--timeout", "30", stdout=out)

        assert ensure.call_count == 4
        assert sleep.call_count == 3
        assert out.getvalue().count("Database unavailable, waiting") == 3
        assert "Database available." in out.getvalue()

    def test_gives_up_after_the_timeout(self):
        with (
            mock.patch(
                "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection",
                side_effect=OperationalError("refused"),
            ),
            pytest.raises(CommandError, match="Database unavailable after"),
        ):
            call_command("wait_for_db", "--timeout", "0.05", "--interval", "0.01")

    def test_unreachable_database_exits_non_zero(self):
        result = manage("wait_for_db", "--timeout", "1", DATABASE_URL=UNREACHABLE)

        assert result.returncode != 0
        assert "Database unavailable, waiting" in result.stdout
        assert "Database unavailable after 1 s" in result.stderr

    @pytest.mark.django_db
    def test_returns_at_once_when_the_database_answers(self):
        out = StringIO()

        call_command("wait_for_db", "--timeout", "1", stdout=out)

        assert out.getvalue() == "Database available.\n"


class TestProductionSettings:
    SECURE = {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x" * 64 + "-a-long-random-production-secret-key",
        "DJANGO_ALLOWED_HOSTS": "catalog.example.com",
    }

    def test_check_deploy_is_clean(self):
        result = manage("check", "--deploy", "--fail-level", "WARNING", **self.SECURE)

        assert result.returncode == 0, result.stderr
        assert "no issues" in result.stdout

    @pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
    def test_refuses_to_start_without(self, missing):
        env = {k: v for k, v in self.SECURE.items() if k != missing}

        result = manage("check", **env)

        assert result.returncode != 0
        assert f"{missing} must be set when DJANGO_DEBUG is off" in result.stderr

    def test_development_needs_no_environment(self):
        result = manage("check")

        assert result.returncode == 0, result.stderr
