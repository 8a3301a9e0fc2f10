import pytest
from django.test import Client, TestCase

from accounts.models import User
from accounts.tests.factories import UserFactory


class CommittingClient(Client):
    """A test client whose requests run their on-commit callbacks as they
    end, as their transaction would commit in production (the test's own
    transaction never does)."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


@pytest.fixture
def client():
    return CommittingClient()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def other_user(db):
    return UserFactory()


@pytest.fixture
def auth_client(client, user):
    """A test client signed in as ``user``."""
    client.force_login(user)
    return client


@pytest.fixture
def htmx_headers():
    return {"HX-Request": "true"}


@pytest.fixture
def admin_client(client, db):
    """A test client signed in as a superuser."""
    admin = User.objects.create_superuser("admin@example.com", "pw", name="Admin")
    client.force_login(admin)
    return client
