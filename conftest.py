import pytest
from django.core.cache import caches

from accounts.models import User
from accounts.tests.factories import UserFactory


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


@pytest.fixture(autouse=True)
def empty_fragment_cache():
    """Start each test with no rendered fragments: ids are reused between
    tests, and one test's cards must never show up in another's pages."""
    caches["fragments"].clear()
