import pytest
from django.db import IntegrityError

from accounts.models import User


@pytest.mark.django_db
class TestUserManager:
    def test_create_user_normalises_the_email(self):
        user = User.objects.create_user("Ann@EXAMPLE.com", "pw-long-enough", name="Ann")

        assert user.email == "ann@example.com"
        assert user.check_password("pw-long-enough")
        assert not user.is_staff
        assert not user.is_superuser
        assert user.is_active

    def test_create_user_refuses_a_missing_email(self):
        with pytest.raises(ValueError, match="email"):
            User.objects.create_user("", "pw", name="Nobody")

        assert not User.objects.exists()

    def test_create_superuser(self):
        user = User.objects.create_superuser("root@example.com", "pw", name="Root")

        assert user.is_staff
        assert user.is_superuser

    def test_create_superuser_refuses_is_staff_false(self):
        with pytest.raises(ValueError):
            User.objects.create_superuser("r@example.com", "pw", is_staff=False)

    def test_email_is_unique_in_any_letter_case(self):
        User.objects.create_user("ann@example.com", "pw", name="Ann")

        with pytest.raises(IntegrityError):
            User.objects.create(email="ANN@example.com", name="Other")

    def test_lookup_by_email_ignores_case(self):
        user = User.objects.create_user("ann@example.com", "pw", name="Ann")

        assert User.objects.get_by_natural_key("ANN@Example.COM") == user

    def test_str_is_the_email(self):
        user = User(email="ann@example.com", name="Ann")

        assert str(user) == "ann@example.com"
        assert user.get_full_name() == "Ann"
        assert user.get_short_name() == "Ann"
