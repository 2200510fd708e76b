"""Whole-response caching of reader pages and API reads, invalidated by public changes.

Anonymous GET and HEAD requests are answered from the cache (`PAGE_CACHE_SECONDS`, 0 turns it
off). Every cache key holds the content generation of `briefings.changes`, which a public change
(one an anonymous reader could see) bumps once its transaction commits, so the next request
renders afresh — in every web process when the cache is shared (Redis), only in the saving
process with the local memory cache. Drafts, history rows and sign-ins do not bump it. A briefing
scheduled for later goes public without a save: entries never outlive the next scheduled
publication.

Signed-in users and API clients with a token bypass the cache entirely: a request whose session
cookie names a live session, or an API request with an `Authorization: Token …` header. Anything
else an anonymous client can send is no reason to render afresh, or it would be a cheap way to
force uncached work: a session cookie naming no live session (made up, expired, signed out) gets
the cached page, as does an Authorization header the site does not read (another scheme, or any
header outside the API). A made-up token on the API is a cheap 401, never a render. The CSRF
cookie personalises nothing stored: a page that uses the CSRF token sets the cookie, and a response
that sets a cookie is never stored. Only plain 200 responses that set no cookie and are not marked
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
from knox.settings import knox_settings

from briefings.changes import generation, timeout_within

CSP_ATTRIBUTES = ("_csp_update", "_csp_replace", "_csp_config", "_csp_exempt")
# Not cached: the editors' workspace, health checks, the API documentation pages, whose
# inline scripts carry a per-response CSP nonce, and the benchmark's baseline (bench/urls.py),
# which measures the framework without the cache.
UNCACHED_PREFIXES = ("/admin/", "/healthz", "/readyz", "/api/docs/", "/api/redoc/", "/bench/")
# The one surface that reads an Authorization header (API tokens, api/authentication.py).
API_PREFIX = "/api/"


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
            and not request.path.startswith(UNCACHED_PREFIXES)
            and not has_api_token(request)
            and not has_live_session(request)  # last: the only check that may read a store
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


def has_live_session(request):
    """Whether the request's session cookie names a live session, such as a signed-in user's.

    One read of the session store, made only when the cookie is there, and the read the
    authentication middleware would make next: `request.session` keeps what it loaded, so a
    signed-in user's request costs no extra query. A cookie naming no live session is deleted
    by the session middleware, as on any page that reads the session.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    session = getattr(request, "session", None)
    if session is None:  # no session middleware to ask: treat the cookie as personal
        return True
    return bool(session.keys())  # an empty session holds nothing personal, not even a user


def has_api_token(request):
    """Whether this is an API request with the token header the API authenticates (or refuses)."""
    words = request.META.get("HTTP_AUTHORIZATION", "").split(maxsplit=1)
    scheme = words[0].lower() if words else ""
    return (
        request.path.startswith(API_PREFIX) and scheme == knox_settings.AUTH_HEADER_PREFIX.lower()
    )
