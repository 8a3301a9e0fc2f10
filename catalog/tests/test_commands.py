from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from catalog.models import Character, Series, Tag


@pytest.fixture(autouse=True)
def development(settings):
    settings.DEBUG = True


@pytest.mark.django_db
class TestSeedDemo:
    def test_creates_the_account_and_prints_how_to_sign_in(self):
        out = StringIO()

        call_command("seed_demo", "--posters", "0", stdout=out)

        user = User.objects.get()
        assert user.email == "demo@example.com"
        assert Series.objects.for_user(user).count() == 60
        assert Tag.objects.for_user(user).count() >= 20
        assert Character.objects.for_user(user).count() >= 20
        assert user.check_password("demo-pass-2026")
        assert "demo@example.com" in out.getvalue()
        assert "demo-pass-2026" in out.getvalue()

    def test_reuses_an_existing_account(self):
        call_command(
            "seed_demo",
            "--email",
            "me@example.com",
            "--posters",
            "0",
            stdout=StringIO(),
        )

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
        assert Series.objects.count() == 60

    def test_more_series_give_the_catalog_a_new_version(
        self, django_capture_on_commit_callbacks
    ):
        from catalog import versions

        call_command("seed_demo", "--series", "5", "--posters", "0", stdout=StringIO())
        user = User.objects.get()
        before = versions.current(user.pk)

        with django_capture_on_commit_callbacks(execute=True):
            call_command(
                "seed_demo", "--series", "8", "--posters", "0", stdout=StringIO()
            )

        assert versions.current(user.pk) != before

    def test_refuses_outside_development(self, settings):
        settings.DEBUG = False

        with pytest.raises(CommandError, match="development"):
            call_command("seed_demo", stdout=StringIO())

        assert not User.objects.exists()

    def test_series_count_is_a_target_not_an_addition(self):
        call_command("seed_demo", "--series", "5", "--posters", "0", stdout=StringIO())
        call_command("seed_demo", "--series", "8", "--posters", "0", stdout=StringIO())

        assert Series.objects.count() == 8

    def test_every_series_has_a_tag_and_labels_are_skewed(self):
        call_command(
            "seed_demo", "--series", "300", "--posters", "0", stdout=StringIO()
        )

        series = Series.objects.prefetch_related("tags")
        assert all(s.tags.all() for s in series)
        counts = sorted((t.series.count() for t in Tag.objects.all()), reverse=True)
        assert counts[0] > 3 * counts[len(counts) // 2]

    def test_the_first_series_get_generated_posters(self):
        call_command("seed_demo", "--series", "4", "--posters", "2", stdout=StringIO())

        assert Series.objects.exclude(image="").count() == 2
