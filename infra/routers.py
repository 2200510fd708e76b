"""Read replicas: with DATABASE_REPLICA_URL set, readers' queries go to the replica.

Writes, migrations and everything inside a transaction use the primary ("default"). So do all
queries of a request that may write (not GET or HEAD) and of a signed-in user's requests:
editors must see their own changes at once, which a replica a moment behind would not show.
For `REPLICA_LAG_SECONDS` after any change to the content, readers use the primary too: the page
cache stores what they are shown, and a page rendered from a replica that has not caught up would
be served stale until the next change.
"""

from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
_primary_only = ContextVar("primary_only", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if (
            REPLICA not in settings.DATABASES
            or _primary_only.get()
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class PrimaryForWritersMiddleware:
    """Sends every query of a request that may write, or of a signed-in user, to the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        primary = (
            request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or "HTTP_AUTHORIZATION" in request.META
            or (REPLICA in settings.DATABASES and _changed_recently())
        )
        token = _primary_only.set(primary)
        try:
            return self.get_response(request)
        finally:
            _primary_only.reset(token)


def _changed_recently():
    from briefings.changes import changed_within

    return changed_within(settings.REPLICA_LAG_SECONDS)
