import pytest
from django.contrib import messages
from django.http import HttpResponse
from django.test import RequestFactory
from django_htmx.middleware import HtmxMiddleware

from config.htmx import HtmxMessagesMiddleware


def make_request(htmx):
    request = RequestFactory().get("/", headers={"HX-Request": "true"} if htmx else {})
    request.session = {}
    from django.contrib.messages.storage.fallback import FallbackStorage

    request._messages = FallbackStorage(request)
    HtmxMiddleware(lambda r: None)(request)
    return request


def run(request, response):
    def view(req):
        messages.success(req, "Saved <b>it</b>.")
        return response

    return HtmxMessagesMiddleware(view)(request)


class TestHtmxMessagesMiddleware:
    def test_htmx_response_gets_messages_out_of_band(self):
        response = run(make_request(htmx=True), HttpResponse("<p>part</p>"))

        content = response.content.decode()
        assert content.startswith("<p>part</p>")
        assert 'id="messages"' in content
        assert 'hx-swap-oob="true"' in content
        assert "Saved &lt;b&gt;it&lt;/b&gt;." in content

    def test_plain_response_is_left_alone(self):
        response = run(make_request(htmx=False), HttpResponse("<p>page</p>"))

        assert response.content == b"<p>page</p>"

    @pytest.mark.parametrize(
        "response",
        [
            HttpResponse(status=204),
            HttpResponse(headers={"HX-Redirect": "/"}),
            HttpResponse("{}", content_type="application/json"),
        ],
    )
    def test_redirects_and_non_html_keep_messages_for_later(self, response):
        request = make_request(htmx=True)

        result = run(request, response)

        assert b"messages" not in result.content
        assert [str(m) for m in messages.get_messages(request)] == ["Saved <b>it</b>."]
