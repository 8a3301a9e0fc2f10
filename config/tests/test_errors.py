import pytest
from django.template.loader import render_to_string
from django.test import Client


@pytest.mark.django_db
class TestErrorPages:
    def test_404_is_a_styled_page(self, auth_client):
        response = auth_client.get("/no/such/page/")

        content = response.content.decode()
        assert response.status_code == 404
        assert "Page not found</h1>" in content
        assert "bootstrap" in content

    def test_csrf_failure_is_a_friendly_page(self, user):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)

        response = client.post("/tags/", {"name": "Drama"})

        content = response.content.decode()
        assert response.status_code == 403
        assert "Please try again" in content
        assert "nothing was saved" in content

    def test_500_page_renders_without_a_request(self):
        content = render_to_string("500.html")

        assert "Something went wrong" in content
        assert "<script" not in content

    def test_400_page_for_a_foreign_host(self, client):
        response = client.get("/accounts/login/", headers={"Host": "evil.example"})

        assert response.status_code == 400
        assert b"Bad request" in response.content


@pytest.mark.django_db
class TestDatabaseFaults:
    def test_a_database_that_does_not_answer_gets_a_styled_503(
        self, auth_client, monkeypatch
    ):
        from django.db import OperationalError

        from catalog.views import SeriesListView

        def unreachable(*args, **kwargs):
            raise OperationalError("connection refused")

        monkeypatch.setattr(SeriesListView, "get", unreachable)
        auth_client.raise_request_exception = False

        response = auth_client.get("/series/")

        assert response.status_code == 503
        assert response["Retry-After"] == "10"
        assert b"Back in a moment" in response.content
        assert b"Traceback" not in response.content

    def test_other_errors_get_the_styled_500(self, auth_client, monkeypatch):
        from catalog.views import SeriesListView

        def broken(*args, **kwargs):
            raise RuntimeError("bug")

        monkeypatch.setattr(SeriesListView, "get", broken)
        auth_client.raise_request_exception = False

        response = auth_client.get("/series/")

        assert response.status_code == 500
        assert b"Something went wrong" in response.content
