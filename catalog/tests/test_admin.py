import pytest
from django.urls import reverse

from accounts.models import User


@pytest.fixture
def admin_client(client, db):
    admin = User.objects.create_superuser("admin@example.com", "pw", name="Admin")
    client.force_login(admin)
    return client


@pytest.mark.django_db
class TestLabelAdmin:
    def changelist(self, kind):
        return reverse(f"admin:catalog_{kind.prefix}_changelist")

    def test_lists_items_with_their_owner(self, admin_client, kind, user):
        kind.factory(user=user, name="Drama")

        response = admin_client.get(self.changelist(kind))

        assert response.status_code == 200
        assert b"Drama" in response.content
        assert user.email.encode() in response.content

    def test_searches_by_name(self, admin_client, kind, user):
        kind.factory(user=user, name="Drama")
        kind.factory(user=user, name="Comedy")

        response = admin_client.get(self.changelist(kind), {"q": "dra"})

        assert b"Drama" in response.content
        assert b"Comedy" not in response.content

    def test_filters_by_owner(self, admin_client, kind, user, other_user):
        kind.factory(user=user, name="Mine")
        kind.factory(user=other_user, name="Theirs")

        response = admin_client.get(
            self.changelist(kind), {"user__id__exact": other_user.pk}
        )

        assert b"Theirs" in response.content
        assert b"Mine" not in response.content
