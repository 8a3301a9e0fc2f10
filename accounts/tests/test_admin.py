import pytest
from django.urls import reverse

from accounts.models import User

from .factories import UserFactory


@pytest.mark.django_db
class TestUserAdmin:
    def test_lists_users(self, admin_client):
        UserFactory(email="ann@example.com", name="Ann")

        response = admin_client.get(reverse("admin:accounts_user_changelist"))

        assert response.status_code == 200
        assert b"ann@example.com" in response.content

    @pytest.mark.parametrize("query", ["ann@ex", "Annabel"])
    def test_searches_by_email_and_name(self, admin_client, query):
        UserFactory(email="ann@example.com", name="Annabel")
        UserFactory(email="bob@example.com", name="Bob")

        response = admin_client.get(
            reverse("admin:accounts_user_changelist"), {"q": query}
        )

        assert b"ann@example.com" in response.content
        assert b"bob@example.com" not in response.content

    def test_adds_a_user_with_the_password_twice(self, admin_client):
        response = admin_client.post(
            reverse("admin:accounts_user_add"),
            {
                "email": "New@Example.com",
                "name": "New",
                "usable_password": "true",
                "password1": "tangerine-lighthouse-42",
                "password2": "tangerine-lighthouse-42",
            },
        )

        user = User.objects.get(name="New")
        assert response.status_code == 302
        assert user.email == "new@example.com"
        assert user.check_password("tangerine-lighthouse-42")

    def test_add_refuses_mismatched_passwords(self, admin_client):
        response = admin_client.post(
            reverse("admin:accounts_user_add"),
            {
                "email": "new@example.com",
                "name": "New",
                "usable_password": "true",
                "password1": "tangerine-lighthouse-42",
                "password2": "tangerine-lighthouse-43",
            },
        )

        assert response.status_code == 200
        assert not User.objects.filter(name="New").exists()

    def test_change_form_saves(self, admin_client):
        user = UserFactory(name="Old")

        response = admin_client.post(
            reverse("admin:accounts_user_change", args=[user.pk]),
            {
                "email": user.email,
                "name": "Changed",
                "is_active": "on",
                "date_joined_0": "2026-01-01",
                "date_joined_1": "10:00:00",
            },
        )

        user.refresh_from_db()
        assert response.status_code == 302
        assert user.name == "Changed"
