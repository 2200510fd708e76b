"""Whole-response caching of reader pages and API reads, invalidated by public changes.

Anonymous GET and HEAD requests are answered from the cache (`PAGE_CACHE_SECONDS`, 0 turns it
off). Every cache key holds the content generation of `briefings.changes`, which a public change
(one an anonymous reader could see) bumps once its transaction commits, so the next request
renders afresh — in every web process when the cache is shared (Redis), only in the saving
process with the local memory cache. Drafts, history rows and sign-ins do not bump it. A briefing
scheduled for later goes public without a save: entries never outlive the next scheduled
publication.

Requests with a session cookie or an Authorization header (editors, API clients with a token)
bypass the cache entirely, and only plain 200 responses that set no cookie and are not marked
private or no-store are stored.
"""

import hashlib
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, set_response_etag

from briefings.changes import generation, timeout_within

CSP_ATTRIBUTES = ("_csp_update", "_csp_replace", "_csp_config", "_csp_exempt")
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
