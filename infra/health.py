"""Health checks for load balancers and orchestrators: /healthz (alive) and /readyz (can serve)."""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse

logger = logging.getLogger("briefings.health")

# The database aliases /readyz checks, with the name each has in the answer; "replica" only
# where a read replica is configured.
DATABASE_CHECKS = {"default": "database", "replica": "replica"}


def check_database(alias):
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    # A key of its own per probe: probes from several processes at once never read each
    # other's value.
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    if cache.get(key) != "ok":
        raise RuntimeError("the value just stored could not be read back")
    cache.delete(key)


def readiness_checks():
    """Return ({check name: "ok" or "error"}, [reasons for each failure])."""
    checks = {
        name: (check_database, alias)
        for alias, name in DATABASE_CHECKS.items()
        if alias in settings.DATABASES
    }
    checks["cache"] = (check_cache,)
    results, reasons = {}, []
    for name, (check, *args) in checks.items():
        try:
            check(*args)
        except Exception as exc:
            results[name] = "error"
            # The answer is public, so it names the kind of failure only; the message, which
            # may name hosts and users, goes to the operators' log.
            reasons.append(f"{name}: {type(exc).__name__}")
            logger.warning("readiness check failed: %s: %s: %s", name, type(exc).__name__, exc)
        else:
            results[name] = "ok"
    return results, reasons


def healthz():
    return JsonResponse({"status": "ok"})


def readyz():
    checks, reasons = readiness_checks()
    if reasons:
        body = {"status": "unavailable", "checks": checks, "reason": "; ".join(reasons)}
        return JsonResponse(body, status=503)
    return JsonResponse({"status": "ok", "checks": checks})


ENDPOINTS = {"/healthz": healthz, "/readyz": readyz}


class HealthCheckMiddleware:
    """Answer the health endpoints before any other middleware runs.

    Load balancers probe over plain HTTP with an IP address as the Host, so these answers must
    not depend on ALLOWED_HOSTS, the HTTPS redirect, sessions or the page cache; first in
    MIDDLEWARE, this skips all of them. Every other path passes through untouched.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        endpoint = ENDPOINTS.get(request.path_info)
        if endpoint is None:
            return self.get_response(request)
        if request.method in ("GET", "HEAD"):
            response = endpoint()
            if request.method == "HEAD":
                # The status is the answer; a body would only be dropped by the server, with
                # a warning, on every probe.
                response.content = b""
        else:
            response = JsonResponse({"status": "method not allowed"}, status=405)
            response["Allow"] = "GET, HEAD"
        response["Cache-Control"] = "no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
