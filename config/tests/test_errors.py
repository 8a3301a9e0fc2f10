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
