"""The page cache: anonymous reads come from the cache until the content they show changes."""

import datetime

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from briefings import changes, services
from briefings.models import Briefing
from infra import page_cache
from tests import factories
from tests.api.conftest import authenticate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_caching")]


@pytest.fixture
def page_caching():
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield


@pytest.fixture
def briefing(db):
    return factories.BriefingFactory(title="Ceasefire lines", standfirst="Where the lines run.")


def test_a_second_anonymous_request_is_served_from_the_cache_without_queries(
    client, briefing, django_assert_num_queries
):
    first = client.get(briefing.get_absolute_url())
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(briefing.get_absolute_url())
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert "public" in second["Cache-Control"] and "must-revalidate" in second["Cache-Control"]


def test_a_published_edit_is_visible_on_the_next_request(
    client, briefing, editor, django_capture_on_commit_callbacks
):
    client.get(briefing.get_absolute_url())
    client.get("/briefings/")
    briefing.standfirst = "The lines moved overnight."
    with django_capture_on_commit_callbacks(execute=True):  # the save commits, as in production
        services.briefing_save(briefing=briefing, by=editor)
    page = client.get(briefing.get_absolute_url())
    assert page["X-Cache"] == "miss"
    assert "The lines moved overnight." in page.content.decode()
    assert "The lines moved overnight." in client.get("/briefings/").content.decode()


def test_a_change_to_related_content_invalidates_too(
    client, briefing, django_capture_on_commit_callbacks
):
    topic = factories.TopicFactory(name="Frontlines")
    client.get(briefing.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        briefing.topics.add(topic)  # an m2m change, no save of the briefing itself
    assert "Frontlines" in client.get(briefing.get_absolute_url()).content.decode()


def test_api_reads_are_cached_and_invalidated_by_api_writes(
    briefing, editor, django_capture_on_commit_callbacks
):
    reader = APIClient()
    assert reader.get("/api/v1/briefings/")["X-Cache"] == "miss"
    assert reader.get("/api/v1/briefings/")["X-Cache"] == "hit"
    writer = authenticate(APIClient(), editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = writer.patch(
            f"/api/v1/briefings/{briefing.pk}/",
            {"title": "Ceasefire lines, redrawn"},
            format="json",
        )
    assert response.status_code == 200, response.content
    assert "X-Cache" not in response  # a client with a token is never served from the cache
    fresh = reader.get("/api/v1/briefings/")
    assert fresh["X-Cache"] == "miss"
    assert fresh.json()["results"][0]["title"] == "Ceasefire lines, redrawn"


def test_signed_in_users_and_token_clients_bypass_the_cache(client, briefing, editor):
    client.get(briefing.get_absolute_url())
    client.force_login(editor)
    assert "X-Cache" not in client.get(briefing.get_absolute_url())
    api = authenticate(APIClient(), editor)
    assert "X-Cache" not in api.get("/api/v1/briefings/")


def test_drafts_errors_and_the_admin_are_never_stored(client):
    draft = factories.BriefingFactory(status=Briefing.Status.DRAFT, published_at=None)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "X-Cache" not in client.get(draft.get_absolute_url())  # 404s are not stored
    assert "X-Cache" not in client.get("/admin/login/")


def test_entries_never_outlive_the_next_scheduled_publication(client, briefing, monkeypatch):
    factories.BriefingFactory(published_at=timezone.now() + datetime.timedelta(seconds=90))
    timeouts = []
    store = page_cache.cache.set

    def spy(key, value, timeout=None):
        if key.startswith("page-cache:") and not key.startswith("page-cache:next"):
            timeouts.append(timeout)
        return store(key, value, timeout)

    monkeypatch.setattr(page_cache.cache, "set", spy)
    client.get("/briefings/")
    assert len(timeouts) == 1 and 1 <= timeouts[0] <= 90


def test_caching_off_when_page_cache_seconds_is_zero(client, briefing):
    with override_settings(PAGE_CACHE_SECONDS=0):
        client.get(briefing.get_absolute_url())
        assert "X-Cache" not in client.get(briefing.get_absolute_url())


def test_a_cached_page_keeps_its_views_content_security_policy(rf):
    def view(request):
        response = HttpResponse("<p>Docs</p>")
        response._csp_update = {"img-src": ["blob:"]}
        return response

    middleware = page_cache.PageCacheMiddleware(view)
    assert middleware(rf.get("/api/v1/"))["X-Cache"] == "miss"
    cached = middleware(rf.get("/api/v1/"))
    assert cached["X-Cache"] == "hit"
    assert cached._csp_update == {"img-src": ["blob:"]}  # the CSP middleware applies it again


@pytest.fixture
def redis_cache():
    """Django's Redis cache on a scratch database; CI starts Redis, elsewhere this skips."""
    import os

    import redis

    # A database of its own per pytest-xdist worker (gw0, gw1 …): each flushes it.
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    url = os.environ.get("TEST_REDIS_URL", f"redis://127.0.0.1:6379/{14 - worker % 8}")
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but Redis does not answer at {url}", pytrace=False)
        pytest.skip(f"needs Redis at {url}")
    client.flushdb()
    backend = {"BACKEND": "infra.cache.ResilientRedisCache", "LOCATION": url}  # production's
    with override_settings(CACHES={"default": backend}):
        yield client
    client.flushdb()


def test_with_redis_an_edit_in_one_process_invalidates_every_process(client, briefing, redis_cache):
    client.get(briefing.get_absolute_url())
    assert client.get(briefing.get_absolute_url())["X-Cache"] == "hit"
    (generation_key,) = redis_cache.scan_iter("*page-cache:generation")
    # Another web process saved something: its bump lands in the shared Redis.
    redis_cache.incr(generation_key)
    assert client.get(briefing.get_absolute_url())["X-Cache"] == "miss"


def test_the_redis_cache_reuses_one_client_and_still_reads_what_it_writes(redis_cache):
    from django.core.cache import cache

    cache.set("reuse-check", {"value": 1}, 30)

    assert cache.get("reuse-check") == {"value": 1}
    assert cache._cache.get_client() is cache._cache.get_client()
    assert cache._cache.get_client(write=True) is cache._cache.get_client(write=True)


def test_pages_are_served_uncached_while_redis_is_down(client, briefing, caplog):
    """A Redis that does not answer makes the site slower, not broken; /readyz says so."""
    down = {
        "BACKEND": "infra.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    with override_settings(CACHES={"default": down}):
        for _ in range(2):
            response = client.get(briefing.get_absolute_url())
            assert response.status_code == 200
            assert response["X-Cache"] == "miss"
        ready = client.get("/readyz")
    assert ready.status_code == 503
    assert "cache" in ready.json()["reason"]
    assert any("Redis unavailable" in record.getMessage() for record in caplog.records)


# Each process also keeps the pages it served last in its own memory.


@pytest.fixture
def cache_calls(monkeypatch):
    calls = []
    get = page_cache.cache.get

    def spy(key, *args, **kwargs):
        calls.append(key)
        return get(key, *args, **kwargs)

    monkeypatch.setattr(page_cache.cache, "get", spy)
    return calls


def test_a_page_this_process_served_costs_one_cache_read_the_generation(
    client, briefing, cache_calls
):
    first = client.get(briefing.get_absolute_url())
    cache_calls.clear()

    second = client.get(briefing.get_absolute_url())

    assert second["X-Cache"] == "hit" and second.content == first.content
    assert cache_calls == [changes.GENERATION_KEY]


def test_another_process_reads_the_shared_copy_and_keeps_its_own(client, briefing, cache_calls):
    first = client.get(briefing.get_absolute_url())
    page_cache.local_pages.clear()  # a process that has not served it yet

    assert client.get(briefing.get_absolute_url()).content == first.content
    assert len(cache_calls) > 1  # read from the shared cache
    cache_calls.clear()
    assert client.get(briefing.get_absolute_url())["X-Cache"] == "hit"
    assert cache_calls == [changes.GENERATION_KEY]


def test_the_local_copy_expires_with_the_shared_one(client, briefing, monkeypatch):
    client.get(briefing.get_absolute_url())
    later = page_cache.time.time() + 301
    generation = changes.generation()
    # The clock of this module and of the (local memory) shared cache: both copies expire.
    monkeypatch.setattr(page_cache.time, "time", lambda: later)

    assert client.get(briefing.get_absolute_url())["X-Cache"] == "miss"
    assert changes.generation() == generation  # expired, not invalidated


def test_the_local_copies_are_bounded_in_bytes_least_recently_served_out_first():
    pages = page_cache.LocalPages(max_bytes=800)
    forever = page_cache.time.time() + 3600
    for key in "abcdefgh":  # 8 × 100 bytes: full
        pages.put(key, (200, [], key.encode() * 100, {}, forever))
    pages.get("a")  # served again: now the most recent

    pages.put("i", (200, [], b"i" * 100, {}, forever))

    assert list(pages.entries) == [*"cdefgh", "a", "i"]  # b went, to make room
    assert pages.bytes == 800
    pages.put("huge", (200, [], b"x" * 101, {}, forever))  # over an eighth: not kept
    assert "huge" not in pages.entries and pages.bytes == 800
