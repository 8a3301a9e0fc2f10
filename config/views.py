import logging
import sys

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@login_not_required
@never_cache
@require_safe
def healthz(request):
    """Answer 200 when the app and its database answer, 503 when not."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.warning("Health check: the database did not answer.", exc_info=True)
        return HttpResponse(
            "database unavailable\n", status=503, content_type="text/plain"
        )
    return HttpResponse("ok\n", content_type="text/plain")


def server_error(request):
    """
    Answer an unhandled error: a database that does not answer is a 503
    (try again shortly, nothing to report), anything else a 500. Both
    pages render without a request context.
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        logger.error("The database did not answer: %s", error)
        body = loader.render_to_string("503.html")
        return HttpResponse(body, status=503, headers={"Retry-After": "10"})
    return HttpResponseServerError(loader.render_to_string("500.html"))
