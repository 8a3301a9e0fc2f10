from unittest import mock

import pytest
from django.db.utils import ConnectionHandler

CLOSED_PORT = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "nothing",
        "USER": "postgres",
        "HOST": "127.0.0.1",
        "PORT": "1",
    }
}


@pytest.mark.django_db
class TestHealthz:
    def test_ok_when_the_database_answers(self, client):
        response = client.get("/healthz")

        assert response.status_code == 200
        assert response.content == b"ok\n"
        assert "no-cache" in response["Cache-Control"]

    def test_503_when_the_database_does_not(self, client):
        with mock.patch("config.views.connections", ConnectionHandler(CLOSED_PORT)):
            response = client.get("/healthz")

        assert response.status_code == 503
        assert response.content == b"database unavailable\n"

    def test_refuses_post(self, client):
        assert client.post("/healthz").status_code == 405
