from django.utils.cache import add_never_cache_headers


class PrivatePagesMiddleware:
    """
    Keep a signed-in user's pages out of browser and proxy caches, so that
    the Back button after logout shows no private data. A response that set
    its own ``Cache-Control`` (a poster file, say) keeps it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Only a request that loaded its user can show private data; checking
        # any other (a health check, say) would cost two queries for nothing.
        user = getattr(request, "_cached_user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in and "Cache-Control" not in response:
            add_never_cache_headers(response)
        return response
