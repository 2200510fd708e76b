"""Whole-response caching of reader pages and API reads, invalidated by any change to content.

Anonymous GET and HEAD requests are answered from the cache (`PAGE_CACHE_SECONDS`, 0 turns it
off). Every cache key holds a generation number; any save, delete or relation change in the
knowledge base bumps it once its transaction commits, so the next request renders afresh — in
every web process when the cache is shared (Redis), only in the saving process with the local
memory cache. A briefing scheduled for later goes public without a save: entries never outlive
the next scheduled publication.

Requests with a session cookie or an Authorization header (editors, API clients with a token)
bypass the cache entirely, and only plain 200 responses that set no cookie and are not marked
private or no-store are stored.
"""

import hashlib
import threading
import time
from collections import OrderedDict

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, set_response_etag

from .generations import Generation

GENERATION_KEY = "page-cache:generation"
CHANGED_AT_KEY = "page-cache:changed-at"
CSP_ATTRIBUTES = ("_csp_update", "_csp_replace", "_csp_config", "_csp_exempt")
NEXT_PUBLICATION_KEY = "page-cache:next-publication:{generation}"
NEXT_PUBLICATION_SECONDS = 300
# Not cached: the editors' workspace, health checks, the API documentation pages, whose
# inline scripts carry a per-response CSP nonce, and the benchmark's baseline (bench/urls.py),
# which measures the framework without the cache.
UNCACHED_PREFIXES = ("/admin/", "/healthz", "/readyz", "/api/docs/", "/api/redoc/", "/bench/")


# How much of the cached responses each process also keeps in its own memory.
LOCAL_BYTES = 16 * 1024 * 1024


class LocalPages:
    """The most recently served cached responses of this process, in its own memory.

    A hit here costs one cache round trip (the generation number, read from the shared cache on
    every request so that invalidation stays immediate in every process) instead of two, and
    no unpickling. Entries carry the same expiry time as the shared cache's copy; older
    generations' entries are never asked for again and fall off the end once the bodies held
    pass `max_bytes`.
    """

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.bytes = 0
        self.entries = OrderedDict()
        self.lock = threading.Lock()  # the development server serves requests in threads

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if entry[-1] <= time.time():
                self._remove(key)
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        size = len(entry[2])
        if size > self.max_bytes // 8:  # a rare, very large response is not worth the room
            return
        with self.lock:
            if key in self.entries:
                self._remove(key)
            self.entries[key] = entry
            self.bytes += size
            while self.bytes > self.max_bytes:
                self._remove(next(iter(self.entries)))

    def _remove(self, key):
        self.bytes -= len(self.entries.pop(key)[2])

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.bytes = 0


local_pages = LocalPages(LOCAL_BYTES)
_generation = Generation(GENERATION_KEY)
generation = _generation.current


def bump_generation():
    _generation.bump()
    cache.set(CHANGED_AT_KEY, time.time(), None)


def changed_within(seconds):
    """Whether the content changed in the last `seconds` (a read replica may not have it yet)."""
    changed_at = cache.get(CHANGED_AT_KEY)
    return changed_at is not None and time.time() - changed_at < seconds


def content_changed(sender, using="default", **kwargs):
    # After the commit: a request served in between would store the old page under the new key.
    transaction.on_commit(bump_generation, using=using)


def connect():
    """Every model of the knowledge base, and users (their names show as authors)."""
    models = [*apps.get_app_config("briefings").get_models(), settings.AUTH_USER_MODEL]
    for model in models:
        model = apps.get_model(model) if isinstance(model, str) else model
        if model.__name__.startswith("Historical"):
            continue
        uid = f"briefings.page_cache.{model._meta.label}"
        post_save.connect(content_changed, sender=model, dispatch_uid=uid + ".save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=uid + ".delete")
    m2m_changed.connect(content_changed, dispatch_uid="briefings.page_cache.m2m")


def _seconds_until_next_publication(current):
    """Seconds until the next scheduled briefing goes public, or None; one query a generation."""
    key = NEXT_PUBLICATION_KEY.format(generation=current)
    when = cache.get(key)
    now = timezone.now().timestamp()
    # Looked up again once the stored one has gone public, or it would cut every timeout to 1 s.
    if when is None or 0 < when <= now:
        from .models import Briefing

        upcoming = Briefing.objects.scheduled().order_by("published_at").first()
        when = upcoming.published_at.timestamp() if upcoming else 0
        cache.set(key, when, NEXT_PUBLICATION_SECONDS)
    return when - now if when else None


def timeout_within(seconds, current):
    """`seconds`, cut short so that nothing cached now outlives the next scheduled publication."""
    until_publication = _seconds_until_next_publication(current)
    if until_publication is not None:
        seconds = min(seconds, max(int(until_publication), 1))
    return seconds


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.get_response(request)
        current = generation()
        key = self.key(request, current)
        stored = local_pages.get(key)
        if stored is None:
            stored = cache.get(key)
            if stored is not None and stored[-1] > time.time():
                local_pages.put(key, stored)
            else:
                stored = None
        if stored is not None:
            status, headers, content, csp, _expires = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            for name, value in csp.items():
                setattr(response, name, value)
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self.cacheable_response(response):
            timeout = timeout_within(settings.PAGE_CACHE_SECONDS, current)
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            # The ETag ConditionalGetMiddleware would otherwise hash out of the body on every hit.
            set_response_etag(response)
            headers = [(name, value) for name, value in response.items() if name != "X-Cache"]
            # A view's changes to the Content-Security-Policy, which the CSP middleware applies
            # outside this one on every response, cached or not.
            csp = {
                name: getattr(response, name) for name in CSP_ATTRIBUTES if hasattr(response, name)
            }
            stored = (response.status_code, headers, response.content, csp, time.time() + timeout)
            cache.set(key, stored, timeout)
            local_pages.put(key, stored)
            response["X-Cache"] = "miss"
        return response

    @staticmethod
    def cacheable_request(request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
            and not request.path.startswith(UNCACHED_PREFIXES)
        )

    @staticmethod
    def cacheable_response(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
            and "no-cache" not in cache_control
        )

    @staticmethod
    def key(request, current):
        # The Accept header picks JSON or the browsable API; the host and scheme go into links.
        parts = "\n".join(
            [
                request.scheme,
                request.get_host(),
                request.method,
                request.get_full_path(),
                request.headers.get("Accept", ""),
            ]
        )
        digest = hashlib.sha256(parts.encode()).hexdigest()
        return f"page-cache:v2:{current}:{digest}"
