"""The content cache: facet counts, list totals, the FAQ index and the home page's directory are
computed once per change of content, show every change at once, and hold public content only."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.core.cache.backends import base as cache_base
from django.core.cache.backends import locmem
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from briefings import changes, content_cache, services
from briefings.models import Actor, Briefing
from tests import factories
from tests.briefings.test_views import body, facet, page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("content_caching")]

CACHE_SECONDS = 300


@pytest.fixture
def content_caching(settings):
    settings.CONTENT_CACHE_SECONDS = CACHE_SECONDS


@pytest.fixture
def site(db):
    """Three public briefings with a quote and a question, and a draft with topic, place,
    actor, quote and question of its own that nothing public has."""
    arms = factories.TopicFactory(name="Arms control", slug="arms-control")
    energy = factories.TopicFactory(name="Energy", slug="energy")
    baltic = factories.PlaceFactory(name="Baltic Sea", slug="baltic-sea")
    caucasus = factories.PlaceFactory(name="South Caucasus", slug="south-caucasus")
    nato = factories.ActorFactory(name="NATO", slug="nato")

    def briefing(title, topics, places, **fields):
        made = factories.BriefingFactory(title=title, **fields)
        made.topics.add(*topics)
        made.places.add(*places)
        return made

    missiles = briefing("Missiles in the Baltic", [arms], [baltic])
    factories.BriefingActorFactory(briefing=missiles, actor=nato)
    briefing("Arms talks in the Caucasus", [arms], [caucasus])
    pipelines = briefing("Pipelines under the Baltic", [energy], [baltic])
    factories.BriefingQuoteFactory(
        briefing=missiles, quote=factories.QuoteFactory(speaker=nato, text="Deterrence works.")
    )
    factories.FAQEntryFactory(briefing=missiles, question="What is deterrence?").topics.add(arms)

    secret = factories.TopicFactory(name="Secret talks", slug="secret-talks")
    hidden_place = factories.PlaceFactory(name="Hidden valley", slug="hidden-valley")
    envoy = factories.ActorFactory(name="Unannounced envoy", slug="unannounced-envoy")
    draft = briefing(
        "A draft nobody may see yet",
        [arms, secret],
        [hidden_place],
        status=Briefing.Status.DRAFT,
        published_at=None,
    )
    factories.BriefingActorFactory(briefing=draft, actor=envoy)
    quote = factories.QuoteFactory(speaker=envoy, text="We never met.")
    factories.BriefingQuoteFactory(briefing=draft, quote=quote)
    question = factories.FAQEntryFactory(briefing=draft, question="Who met in secret?")
    question.topics.add(secret)
    return SimpleNamespace(
        arms=arms,
        pipelines=pipelines,
        draft=draft,
        secrets=[draft.title, secret.name, hidden_place.name, envoy.name, quote.text],
    )


def topics_of_briefings(response):
    return facet(response, "topic")


def topics_of_faq(response):
    return {topic.name: topic.faq_count for topic, _ in response.context["groups"]}


def topics_of_home(response):
    return {topic.name: None for topic in response.context["topics"]}


# Each page the content cache serves, and the topics it shows from it.
CACHED_PAGES = {
    "briefing list": ("briefings:briefing_list", topics_of_briefings),
    "quote list": ("briefings:quote_list", topics_of_briefings),
    "FAQ index": ("briefings:faq_list", topics_of_faq),
    "home": ("briefings:home", topics_of_home),
}


def get_counting_queries(client, url, data=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data)
    return response, len(queries)


def publish(briefing, by, on_commit):
    with on_commit(execute=True):  # the change commits, as in production
        services.briefing_publish(briefing=briefing, by=by)


@pytest.mark.parametrize("name", CACHED_PAGES)
def test_a_second_request_runs_fewer_queries_and_shows_the_same(client, site, name):
    route, topics = CACHED_PAGES[name]

    first, first_queries = get_counting_queries(client, reverse(route))
    second, second_queries = get_counting_queries(client, reverse(route))

    assert second_queries < first_queries
    assert body(page(second)) == body(page(first))
    assert topics(second) == topics(first)


def test_the_briefing_lists_counts_come_from_the_cache_unchanged(client, site):
    url = reverse("briefings:briefing_list")

    first = client.get(url)
    second = client.get(url)

    for response in [first, second]:
        assert facet(response, "topic") == {"Arms control": 2, "Energy": 1}
        assert facet(response, "place") == {"Baltic Sea": 2, "South Caucasus": 1}
        assert facet(response, "actor") == {"NATO": 1}
        assert response.context["paginator"].count == 3
        assert "<strong>3</strong>" in page(response)


@pytest.mark.parametrize("name", CACHED_PAGES)
def test_publishing_a_briefing_shows_its_topic_at_once(
    client, site, editor, name, django_capture_on_commit_callbacks
):
    route, topics = CACHED_PAGES[name]
    assert "Secret talks" not in topics(client.get(reverse(route)))

    publish(site.draft, editor, django_capture_on_commit_callbacks)

    assert "Secret talks" in topics(client.get(reverse(route)))


def test_publishing_a_briefing_updates_the_facet_counts_and_the_total_at_once(
    client, site, editor, django_capture_on_commit_callbacks
):
    url = reverse("briefings:briefing_list")
    client.get(url)

    publish(site.draft, editor, django_capture_on_commit_callbacks)

    response = client.get(url)
    assert facet(response, "topic") == {"Arms control": 3, "Energy": 1, "Secret talks": 1}
    assert response.context["paginator"].count == 4
    assert "<strong>4</strong>" in page(response)
    quotes = client.get(reverse("briefings:quote_list"))
    assert facet(quotes, "speaker") == {"NATO": 1, "Unannounced envoy": 1}
    assert quotes.context["paginator"].count == 2


def test_adding_a_topic_to_a_briefing_updates_its_count_at_once(
    client, site, django_capture_on_commit_callbacks
):
    url = reverse("briefings:briefing_list")
    assert facet(client.get(url), "topic")["Arms control"] == 2

    with django_capture_on_commit_callbacks(execute=True):
        site.pipelines.topics.add(site.arms)  # a relation change, no save of the briefing

    assert facet(client.get(url), "topic")["Arms control"] == 3


def test_each_filter_has_facets_of_its_own(client, site):
    url = reverse("briefings:briefing_list")

    arms, arms_queries = get_counting_queries(client, url, {"topic": "arms-control"})
    energy = client.get(url, {"topic": "energy"})
    again, again_queries = get_counting_queries(client, url, {"topic": "arms-control"})

    assert facet(arms, "place") == {"Baltic Sea": 1, "South Caucasus": 1}
    assert facet(energy, "place") == {"Baltic Sea": 1}
    assert (arms.context["paginator"].count, energy.context["paginator"].count) == (2, 1)
    assert again_queries < arms_queries
    assert facet(again, "place") == facet(arms, "place")
    assert again.context["paginator"].count == 2


@pytest.mark.parametrize("name", CACHED_PAGES)
def test_a_staff_members_request_caches_nothing_of_a_draft_for_readers(client, site, editor, name):
    route, topics = CACHED_PAGES[name]
    url = reverse(route)
    client.force_login(editor)  # staff may preview drafts
    staff_view = client.get(url)
    client.logout()

    reader_view, cached_queries = get_counting_queries(client, url)

    for secret in site.secrets:
        assert secret not in page(staff_view)
        assert secret not in page(reader_view)
    assert "Secret talks" not in topics(reader_view)
    # The reader was served what the staff member's request put in the cache.
    cache.clear()
    _, fresh_queries = get_counting_queries(client, url)
    assert cached_queries < fresh_queries


# A briefing scheduled for later goes public without a save: nothing cached may outlive that.


@pytest.fixture
def clock(monkeypatch):
    """The site's clock, stopped, and moved on only by the test."""
    clock = SimpleNamespace(now=timezone.now().replace(microsecond=0))

    def advance(seconds):
        clock.now += datetime.timedelta(seconds=seconds)

    clock.advance = advance
    monkeypatch.setattr(timezone, "now", lambda: clock.now)
    return clock


def schedule(seconds, clock, on_commit, **fields):
    with on_commit(execute=True):
        return factories.BriefingFactory(
            published_at=clock.now + datetime.timedelta(seconds=seconds), **fields
        )


def test_timeouts_end_when_the_next_scheduled_briefing_goes_public(
    clock, django_capture_on_commit_callbacks
):
    schedule(30, clock, django_capture_on_commit_callbacks)
    current = changes.generation()

    assert changes.timeout_within(CACHE_SECONDS, current) == 30
    clock.advance(20)
    assert changes.timeout_within(CACHE_SECONDS, current) == 10
    clock.advance(9.5)
    assert changes.timeout_within(CACHE_SECONDS, current) == 1  # never 0: that is "forever"


def test_once_a_scheduled_briefing_is_public_timeouts_run_to_the_next_one(
    clock, django_capture_on_commit_callbacks
):
    schedule(30, clock, django_capture_on_commit_callbacks)
    schedule(90, clock, django_capture_on_commit_callbacks)
    current = changes.generation()
    assert changes.timeout_within(CACHE_SECONDS, current) == 30

    clock.advance(31)  # the first goes public without a save: the generation is the same

    assert changes.timeout_within(CACHE_SECONDS, current) == 59
    clock.advance(60)
    assert changes.timeout_within(CACHE_SECONDS, current) == CACHE_SECONDS


def test_timeouts_are_whole_when_nothing_is_scheduled_before_they_end(
    clock, django_capture_on_commit_callbacks
):
    assert changes.timeout_within(CACHE_SECONDS, changes.generation()) == CACHE_SECONDS

    schedule(CACHE_SECONDS + 60, clock, django_capture_on_commit_callbacks)

    assert changes.timeout_within(CACHE_SECONDS, changes.generation()) == CACHE_SECONDS


def test_a_scheduled_briefing_is_counted_as_soon_as_it_goes_public(
    client, site, clock, settings, monkeypatch, django_capture_on_commit_callbacks
):
    # This cache's entries expire by the test's clock, which moves without sleeping.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "content-cache-clock",
        }
    }
    cache.clear()
    cache_clock = SimpleNamespace(time=lambda: clock.now.timestamp())
    monkeypatch.setattr(cache_base, "time", cache_clock)
    monkeypatch.setattr(locmem, "time", cache_clock)
    scheduled = schedule(30, clock, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        scheduled.topics.add(site.arms)
    url = reverse("briefings:briefing_list")

    assert facet(client.get(url), "topic")["Arms control"] == 2
    clock.advance(29)
    assert facet(client.get(url), "topic")["Arms control"] == 2
    clock.advance(1)

    response = client.get(url)
    assert facet(response, "topic")["Arms control"] == 3
    assert response.context["paginator"].count == 4


# remember() itself


def counting(calls):
    def compute():
        calls.append(None)
        return len(calls)

    return compute


def test_with_the_content_cache_off_every_call_computes_afresh(settings):
    settings.CONTENT_CACHE_SECONDS = 0
    calls = []

    values = [content_cache.remember("answer", {}, counting(calls)) for _ in range(3)]

    assert values == [1, 2, 3]


def test_with_the_content_cache_on_a_value_is_computed_once_for_the_same_parts():
    calls = []
    compute = counting(calls)

    values = [content_cache.remember("answer", {"topic": ["energy"]}, compute) for _ in range(3)]
    other = content_cache.remember("answer", {"topic": ["arms-control"]}, compute)

    assert values == [1, 1, 1]
    assert other == 2


def test_an_actors_connections_and_quote_count_are_cached_and_follow_a_change(
    client, site, django_capture_on_commit_callbacks
):
    nato = Actor.objects.get(slug="nato")
    url = nato.get_absolute_url()
    first = page(client.get(url))
    with CaptureQueriesContext(connection) as again:
        assert page(client.get(url)) == first
    with CaptureQueriesContext(connection) as fresh:
        cache.clear()
        client.get(url)
    assert len(again) < len(fresh)
    assert "Russia" not in first

    # Russia and NATO now share a public briefing: the next view connects them.
    with django_capture_on_commit_callbacks(execute=True):
        russia = factories.ActorFactory(name="Russia", slug="russia")
        factories.BriefingActorFactory(briefing=site.pipelines, actor=nato)
        factories.BriefingActorFactory(briefing=site.pipelines, actor=russia)

    assert "Russia" in body(page(client.get(url)))


def test_a_topics_timeline_is_cached_and_counts_a_new_briefing_at_once(
    client, site, django_capture_on_commit_callbacks
):
    url = site.arms.get_absolute_url()
    assert "2 briefings published" in body(page(client.get(url)))
    with CaptureQueriesContext(connection) as again:
        client.get(url)
    assert not [q for q in again.captured_queries if "month" in q["sql"].lower()]

    with django_capture_on_commit_callbacks(execute=True):
        factories.BriefingFactory(title="A third on arms").topics.add(site.arms)

    assert "3 briefings published" in body(page(client.get(url)))
