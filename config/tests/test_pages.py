import re

import pytest


@pytest.mark.django_db
class TestBaseLayout:
    def test_serves_css_and_htmx_from_our_own_static_files(self, auth_client):
        content = auth_client.get("/").content.decode()

        sources = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', content)
        assert any("bootstrap" in s for s in sources)
        assert any("htmx" in s for s in sources)
        assert all(s.startswith("/static/") for s in sources)

    def test_static_files_are_served(self, client):
        for path in [
            "/static/vendor/bootstrap/bootstrap.min.css",
            "/static/django_htmx/htmx-2.min.js",
            "/static/css/app.css",
        ]:
            response = client.get(path)
            assert response.status_code == 200, path
            response.close()

    def test_page_has_language_skip_link_csrf_header_and_name(self, auth_client, user):
        content = auth_client.get("/").content.decode()

        assert '<html lang="en">' in content
        assert 'href="#main"' in content
        assert 'hx-headers=\'{"X-CSRFToken": "' in content
        assert user.name in content

    def test_script_tags_carry_the_csp_nonce(self, auth_client):
        response = auth_client.get("/")

        policy = response["Content-Security-Policy"]
        nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
        for tag in re.findall(r"<script[^>]*>", response.content.decode()):
            assert f'nonce="{nonce}"' in tag or "src=" in tag
        assert "frame-ancestors 'none'" in policy
        assert "unsafe-eval" not in policy


@pytest.mark.django_db
class TestPrivatePages:
    def test_signed_in_pages_are_not_cached(self, auth_client):
        response = auth_client.get("/")

        cache_control = response["Cache-Control"]
        assert "no-store" in cache_control
        assert "private" in cache_control

    def test_a_login_exempt_view_does_not_load_the_user(
        self, auth_client, django_assert_num_queries
    ):
        with django_assert_num_queries(1):
            response = auth_client.get("/healthz")

        assert response.status_code == 200
