"""While the database is unreachable, answer 503 with Retry-After instead of a traceback page.

A PostgreSQL restart, a failover or a full connection table all surface in Django as an
`OperationalError` (or an `InterfaceError` on a connection that died in use). Those are
transient: the request did nothing, and the same request will succeed once the database is
back. This middleware turns them into "503 Service Unavailable" with `Retry-After`, as the
site's "temporarily unavailable" page or, under /api/, the API's JSON error body, so readers,
API clients and load balancers know to retry. Nothing here touches the database, and the
response is never cached. Recovery needs no restart of the web processes: with
`CONN_HEALTH_CHECKS` each request first checks its persistent connection and reconnects.
"""

import logging
import time

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

logger = logging.getLogger("briefings.availability")
RETRY_AFTER_SECONDS = 5
LOG_EVERY_SECONDS = 10
UNAVAILABLE = (OperationalError, InterfaceError)
DETAIL = (
    "The database is unavailable for a moment; try again in a few seconds. A write answered "
    "this way was not acknowledged: send it again (with If-Match, it cannot apply twice)."
)


class DatabaseUnavailableMiddleware:
    """Last in MIDDLEWARE, so it sees a view's (or its template's) exception first."""

    _last_logged = 0.0

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, UNAVAILABLE):
            return None
        now = time.monotonic()
        if now - DatabaseUnavailableMiddleware._last_logged >= LOG_EVERY_SECONDS:
            DatabaseUnavailableMiddleware._last_logged = now
            logger.warning(
                "database unavailable, answering 503: %s: %s",
                type(exception).__name__,
                str(exception).strip(),
            )
        if request.path.startswith("/api/"):
            body = {"status": 503, "code": "unavailable", "detail": DETAIL, "errors": {}}
            response = JsonResponse(body, status=503)
        else:
            # An empty context, like the 500 page: no request, no context processors, no queries.
            response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
