from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User


@pytest.fixture(autouse=True)
def development(settings):
    settings.DEBUG = True


@pytest.mark.django_db
class TestSeedDemo:
    def test_creates_the_account_and_prints_how_to_sign_in(self):
        out = StringIO()

        call_command("seed_demo", stdout=out)

        user = User.objects.get()
        assert user.email == "demo@example.com"
        assert user.check_password("demo-pass-2026")
        assert "demo@example.com" in out.getvalue()
        assert "demo-pass-2026" in out.getvalue()

    def test_reuses_an_existing_account(self):
        call_command("seed_demo", "--email", "me@example.com", stdout=StringIO())

        call_command(
            "seed_demo",
            "--email",
            "ME@example.com",
            "--password",
            "p2",
            stdout=StringIO(),
        )

        user = User.objects.get()
        assert user.check_password("p2")

    def test_refuses_outside_development(self, settings):
        settings.DEBUG = False

        with pytest.raises(CommandError, match="development"):
            call_command("seed_demo", stdout=StringIO())

        assert not User.objects.exists()
