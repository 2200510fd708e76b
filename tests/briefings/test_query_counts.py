"""Each reader page's SQL query count, pinned: the same for one item as for enough items to show an N+1."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from briefings.models import Actor, BriefingActor, Place, Quote
from reader.views import CONNECTED_ACTORS, FAQ_PREVIEW, LATEST_BRIEFINGS
from tests import factories

pytestmark = pytest.mark.django_db

# Queries per anonymous request. Each is the same on the "small" and the "large" dataset below.
HOME_QUERIES = 9  # latest briefings + their topics; featured briefings + their topics; topics;
# places; key actors with their public briefing counts; latest quotes (with speaker, office and
# source) + the speakers' tenures
BRIEFING_LIST_QUERIES = 9  # count, page of briefings, their topics, their places; facets: topics,
# places, actors, types, years
BRIEFING_LIST_FILTERED_QUERIES = 12  # the same, after looking up the topic, place and actor
# named in the filters
BRIEFING_QUERIES = 14  # briefing; its topics, places, authors, sources, corrections, FAQ
# entries, quote links, quotes (with speaker, office and source), the speakers' tenures, actor
# links with their actors, their aliases (to link mentions), related public briefings, their topics
STAFF_BRIEFING_QUERIES = BRIEFING_QUERIES + 2  # the staff member's session and user
ACTOR_LIST_QUERIES = 1  # actors
ACTOR_QUERIES = 9  # actor with country; aliases; tenures with offices; quote count, page of
# quotes (with speaker, office and source), the speakers' tenures; public briefings, their
# topics; connected actors with shared counts
TOPIC_LIST_QUERIES = 1  # topics with parents
TOPIC_QUERIES = 9  # topic with parent; sub-topics; public briefings, their topics; quotes
# (with speaker, office and source), the speakers' tenures; FAQ entries with briefings; the
# timeline: briefings per month, quotes per month
PLACE_LIST_QUERIES = 1  # places
PLACE_QUERIES = 8  # place; contained places; containing places; public briefings, their
# topics; quotes (with speaker, office and source), the speakers' tenures; FAQ entries with
# briefings
QUOTE_LIST_QUERIES = 7  # count, page of quotes (with speaker, office and source), the
# speakers' tenures; facets: speakers, topics, verification statuses, years
QUOTE_LIST_FILTERED_QUERIES = 9  # the same, after looking up the speaker and topic named in
# the filters
QUOTE_QUERIES = 4  # quote with speaker, office and source; speaker's tenures; public briefings
# using it, their topics
FAQ_LIST_QUERIES = 4  # each topic's newest entries; entries per topic; general ones; their count
FAQ_QUERIES = 2  # entry with briefing; its topics
# Search: the query's other names (is it an actor's alias?); the counts and best rows of every
# type (one UNION on PostgreSQL, after checking whether any actor matches as written, else a
# look for misspelt names; one query per type on SQLite); facets (topics and places of
# briefings, years of briefings and quotes, speakers, FAQ topics).
SEARCH_QUERIES = {"postgresql": 1 + 1 + 1 + 6, "sqlite": 1 + 6 + 6}
SEARCH_QUERIES_PER_TYPE = {"briefing": 2, "quote": 2, "faq": 1, "actor": 1}
FEED_QUERIES = 3  # briefings, their authors, their topics
TOPIC_OR_ACTOR_FEED_QUERIES = 4  # the topic or actor, then as FEED_QUERIES
SITEMAP_QUERIES = 8  # count and page for each of briefings, actors, topics, places
ROBOTS_QUERIES = 0

SIZES = ["small", "large"]


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def public_briefing(**kwargs):
    briefing = factories.BriefingFactory(**kwargs)
    briefing.topics.add(factories.TopicFactory())
    return briefing


def quote_in(briefing, speaker=None, *, ended=False, **kwargs):
    """A verified quote used by `briefing`, by a speaker holding an office (or having held one)."""
    tenure = factories.TenureFactory(
        actor=speaker or factories.ActorFactory(),
        started_on=datetime.date(2015, 1, 1) if ended else datetime.date(2021, 1, 1),
        ended_on=datetime.date(2020, 12, 31) if ended else None,
    )
    kwargs.setdefault("said_on", datetime.date(2019 if ended else 2025, 6, 1))
    quote = factories.QuoteFactory(
        speaker=tenure.actor,
        tenure=tenure,
        source=factories.SourceFactory(),
        verification=Quote.Verification.VERIFIED,
        **kwargs,
    )
    factories.BriefingQuoteFactory(briefing=briefing, quote=quote)
    return quote


def assert_shows(response, texts):
    assert response.status_code == 200
    content = response.content.decode()
    for text in texts:
        assert text in content


# Briefing page

BRIEFING_SIZES = {
    "small": {
        "quotes": 2,
        "actors": 1,
        "faq": 1,
        "corrections": 1,
        "topics": 1,
        "places": 1,
        "related": 1,
        "sources": 1,
        "authors": 1,
    },
    "large": {
        "quotes": 30,
        "actors": 30,
        "faq": 20,
        "corrections": 5,
        "topics": 5,
        "places": 5,
        "related": 5,
        "sources": 5,
        "authors": 3,
    },
}


def build_briefing(*, quotes, actors, faq, corrections, topics, places, related, sources, authors):
    briefing = factories.BriefingFactory(
        body="## One\n\nText.\n\n### One and a half\n\nMore.\n\n## Two\n\nText."
    )
    briefing.authors.add(
        *(factories.UserFactory(first_name="Author", last_name=str(n)) for n in range(authors))
    )
    briefing.topics.add(*factories.TopicFactory.create_batch(topics))
    briefing.places.add(*factories.PlaceFactory.create_batch(places))
    briefing.sources.add(*factories.SourceFactory.create_batch(sources))
    factories.CorrectionFactory.create_batch(corrections, briefing=briefing)
    for order in range(faq):
        factories.FAQEntryFactory(briefing=briefing, order=order)
    for order in range(quotes):
        quote_in(briefing, ended=order % 2 == 0)
    kinds = [Actor.Kind.PERSON, Actor.Kind.IGO, Actor.Kind.STATE]
    roles = list(BriefingActor.Role)
    for n in range(actors):
        factories.BriefingActorFactory(
            briefing=briefing,
            actor=factories.ActorFactory(kind=kinds[n % 3]),
            role=roles[n % 3],
        )
    for _ in range(related):
        briefing.related.add(public_briefing())
    briefing.related.add(factories.BriefingFactory(status="draft", published_at=None))
    return briefing


@pytest.mark.parametrize("size", SIZES)
def test_the_briefing_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    briefing = build_briefing(**BRIEFING_SIZES[size])

    with django_assert_num_queries(BRIEFING_QUERIES):
        response = client.get(briefing.get_absolute_url())

    quotes = response.context["quotes"]
    assert len(quotes) == BRIEFING_SIZES[size]["quotes"]
    assert_shows(response, [quote.text for quote in quotes])


@pytest.mark.parametrize("size", SIZES)
def test_the_staff_preview_of_a_draft_runs_a_fixed_number_of_queries(
    client, editor, django_assert_num_queries, size
):
    briefing = build_briefing(**BRIEFING_SIZES[size])
    briefing.status = "draft"
    briefing.save()
    client.force_login(editor)

    with django_assert_num_queries(STAFF_BRIEFING_QUERIES):
        response = client.get(briefing.get_absolute_url())

    assert_shows(response, [briefing.title])


# Home

HOME_SIZES = {
    "small": {"briefings": 1, "quotes": 1, "actors": 1},
    "large": {"briefings": 25, "quotes": 30, "actors": 20},
}


def build_home(*, briefings, quotes, actors):
    topics = factories.TopicFactory.create_batch(3)
    places = factories.PlaceFactory.create_batch(2)
    made = []
    for n in range(briefings):
        briefing = factories.BriefingFactory(featured=n < 3, published_at=days_ago(n + 1))
        briefing.topics.add(*topics[: 1 + n % 3])
        briefing.places.add(places[n % 2])
        made.append(briefing)
    for n in range(actors):
        factories.BriefingActorFactory(briefing=made[n % briefings])
    for n in range(quotes):
        quote_in(made[n % briefings], ended=n % 2 == 0)


@pytest.mark.parametrize("size", SIZES)
def test_the_home_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    build_home(**HOME_SIZES[size])

    with django_assert_num_queries(HOME_QUERIES):
        response = client.get(reverse("briefings:home"))

    assert_shows(response, [briefing.title for briefing in response.context["latest"]])


# Briefing list

LIST_SIZES = {"small": 1, "large": 25}


def build_list(count):
    """`count` analyses, each on three topics and in two places, all sharing a topic, place, actor."""
    topic = factories.TopicFactory(slug="common-topic")
    place = factories.PlaceFactory(slug="common-place")
    actor = factories.ActorFactory(slug="common-actor")
    for n in range(count):
        briefing = factories.BriefingFactory(published_at=days_ago(n + 1))
        briefing.topics.add(topic, *factories.TopicFactory.create_batch(2))
        briefing.places.add(place, factories.PlaceFactory())
        factories.BriefingActorFactory(briefing=briefing, actor=actor)
        factories.BriefingActorFactory(briefing=briefing)


@pytest.mark.parametrize("size", SIZES)
def test_the_briefing_list_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    build_list(LIST_SIZES[size])

    with django_assert_num_queries(BRIEFING_LIST_QUERIES):
        response = client.get(reverse("briefings:briefing_list"))

    assert_shows(response, [briefing.title for briefing in response.context["briefings"]])


@pytest.mark.parametrize("size", SIZES)
def test_the_filtered_briefing_list_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, size
):
    build_list(LIST_SIZES[size])
    filters = {
        "topic": "common-topic",
        "place": "common-place",
        "actor": "common-actor",
        "type": "analysis",
        "year": days_ago(1).year,
    }

    with django_assert_num_queries(BRIEFING_LIST_FILTERED_QUERIES):
        response = client.get(reverse("briefings:briefing_list"), filters)

    assert response.context["page_obj"].paginator.count == LIST_SIZES[size]


# Actors

ACTOR_SIZES = {
    "small": {"quotes": 1, "briefings": 1, "connected": 1, "aliases": 1, "tenures": 1},
    "large": {"quotes": 40, "briefings": 20, "connected": 15, "aliases": 3, "tenures": 3},
}


def build_actor(*, quotes, briefings, connected, aliases, tenures):
    actor = factories.ActorFactory(country=factories.PlaceFactory(kind=Place.Kind.COUNTRY))
    factories.ActorAliasFactory.create_batch(aliases, actor=actor)
    held = [
        factories.TenureFactory(
            actor=actor,
            started_on=datetime.date(2000 + 5 * n, 1, 1),
            ended_on=datetime.date(2004 + 5 * n, 12, 31),
        )
        for n in range(tenures)
    ]
    made = [public_briefing(published_at=days_ago(n + 1)) for n in range(briefings)]
    for briefing in made:
        factories.BriefingActorFactory(briefing=briefing, actor=actor)
    for n in range(connected):
        factories.BriefingActorFactory(briefing=made[n % briefings])
    for n in range(quotes):
        quote = factories.QuoteFactory(
            speaker=actor,
            tenure=held[n % tenures],
            said_on=datetime.date(2000 + 5 * (n % tenures), 3, 1) + datetime.timedelta(days=n),
            source=factories.SourceFactory(),
        )
        factories.BriefingQuoteFactory(briefing=made[n % briefings], quote=quote)
    return actor


@pytest.mark.parametrize("size", SIZES)
def test_the_actor_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    actor = build_actor(**ACTOR_SIZES[size])

    with django_assert_num_queries(ACTOR_QUERIES):
        response = client.get(actor.get_absolute_url())

    assert len(response.context["quotes"]) == min(ACTOR_SIZES[size]["quotes"], 25)
    assert len(response.context["connected"]) == min(
        ACTOR_SIZES[size]["connected"], CONNECTED_ACTORS
    )
    assert_shows(response, [quote.text for quote in response.context["quotes"]])


@pytest.mark.parametrize("size", SIZES)
def test_the_second_page_of_an_actors_quotes_runs_as_many_queries(
    client, django_assert_num_queries, size
):
    actor = build_actor(**ACTOR_SIZES[size])

    with django_assert_num_queries(ACTOR_QUERIES):
        response = client.get(actor.get_absolute_url(), {"page": 2})

    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_the_actor_index_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    kinds = list(Actor.Kind)
    for n in range({"small": 1, "large": 40}[size]):
        factories.ActorAliasFactory(actor=factories.ActorFactory(kind=kinds[n % len(kinds)]))

    with django_assert_num_queries(ACTOR_LIST_QUERIES):
        response = client.get(reverse("briefings:actor_list"))

    assert response.status_code == 200


# Topics and places

TOPIC_SIZES = {
    "small": {"briefings": 1, "children": 1, "faq": 1},
    "large": {"briefings": 20, "children": 5, "faq": 10},
}


def build_topic(*, briefings, children, faq):
    topic = factories.TopicFactory(parent=factories.TopicFactory())
    factories.TopicFactory.create_batch(children, parent=topic)
    for n in range(briefings):
        briefing = public_briefing(published_at=days_ago(n + 1))
        briefing.topics.add(topic)
        briefing.places.add(factories.PlaceFactory())
        quote_in(briefing, ended=n % 2 == 0)
        if n < faq:
            factories.FAQEntryFactory(briefing=briefing).topics.add(topic)
    return topic


@pytest.mark.parametrize("size", SIZES)
def test_the_topic_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    topic = build_topic(**TOPIC_SIZES[size])

    with django_assert_num_queries(TOPIC_QUERIES):
        response = client.get(topic.get_absolute_url())

    # The latest few; a link leads to them all.
    total = TOPIC_SIZES[size]["briefings"]
    assert len(response.context["briefings"]) == min(total, LATEST_BRIEFINGS)
    assert_shows(response, [briefing.title for briefing in response.context["briefings"]])
    assert response.context["more_briefings"] == (total > LATEST_BRIEFINGS)


@pytest.mark.parametrize("size", SIZES)
def test_the_topic_index_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    parent = factories.TopicFactory()
    for n in range({"small": 1, "large": 20}[size]):
        topic = factories.TopicFactory(parent=parent if n % 2 else None)
        public_briefing().topics.add(topic)

    with django_assert_num_queries(TOPIC_LIST_QUERIES):
        response = client.get(reverse("briefings:topic_list"))

    assert response.status_code == 200


def build_place(*, briefings, children, faq):
    place = factories.PlaceFactory(kind=Place.Kind.COUNTRY)
    place.parents.add(factories.PlaceFactory())
    for _ in range(children):
        factories.PlaceFactory(kind=Place.Kind.CITY).parents.add(place)
    for n in range(briefings):
        briefing = public_briefing(published_at=days_ago(n + 1))
        briefing.places.add(place, factories.PlaceFactory())
        quote_in(briefing, ended=n % 2 == 0)
        if n < faq:
            factories.FAQEntryFactory(briefing=briefing).topics.add(factories.TopicFactory())
    return place


@pytest.mark.parametrize("size", SIZES)
def test_the_place_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    place = build_place(**TOPIC_SIZES[size])

    with django_assert_num_queries(PLACE_QUERIES):
        response = client.get(place.get_absolute_url())

    # The latest few; a link leads to them all.
    total = TOPIC_SIZES[size]["briefings"]
    assert len(response.context["briefings"]) == min(total, LATEST_BRIEFINGS)
    assert_shows(response, [briefing.title for briefing in response.context["briefings"]])
    assert response.context["more_briefings"] == (total > LATEST_BRIEFINGS)


@pytest.mark.parametrize("size", SIZES)
def test_the_place_index_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    region = factories.PlaceFactory()
    for _ in range({"small": 1, "large": 20}[size]):
        place = factories.PlaceFactory(kind=Place.Kind.COUNTRY)
        place.parents.add(region)
        public_briefing().places.add(place)

    with django_assert_num_queries(PLACE_LIST_QUERIES):
        response = client.get(reverse("briefings:place_list"))

    assert response.status_code == 200


# Quotes

QUOTE_LIST_SIZES = {"small": 1, "large": 40}


def build_quotes(count):
    """`count` quotes from 2025 on a shared topic, most by one speaker and the rest by others."""
    speaker = factories.ActorFactory(slug="main-speaker")
    topic = factories.TopicFactory(slug="common-topic")
    briefings = [public_briefing() for _ in range(min(count, 5))]
    for briefing in briefings:
        briefing.topics.add(topic)
    for n in range(count):
        quote_in(
            briefings[n % len(briefings)],
            speaker if n % 4 != 3 else None,
            said_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=n),
        )


@pytest.mark.parametrize("size", SIZES)
def test_the_quote_index_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    build_quotes(QUOTE_LIST_SIZES[size])

    with django_assert_num_queries(QUOTE_LIST_QUERIES):
        response = client.get(reverse("briefings:quote_list"))

    assert_shows(response, [quote.text for quote in response.context["quotes"]])


@pytest.mark.parametrize("size", SIZES)
def test_the_filtered_quote_index_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, size
):
    build_quotes(QUOTE_LIST_SIZES[size])
    filters = {
        "speaker": "main-speaker",
        "topic": "common-topic",
        "verification": "verified",
        "year": "2025",
    }

    with django_assert_num_queries(QUOTE_LIST_FILTERED_QUERIES):
        response = client.get(reverse("briefings:quote_list"), filters)

    assert len(response.context["quotes"]) >= 1


@pytest.mark.parametrize("size", SIZES)
def test_the_quote_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    briefings = [public_briefing() for _ in range({"small": 1, "large": 10}[size])]
    quote = quote_in(briefings[0], ended=True)
    for briefing in briefings[1:]:
        factories.BriefingQuoteFactory(briefing=briefing, quote=quote)

    with django_assert_num_queries(QUOTE_QUERIES):
        response = client.get(quote.get_absolute_url())

    assert_shows(response, [briefing.title for briefing in briefings])


# FAQ


@pytest.mark.parametrize("size", SIZES)
def test_the_faq_index_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    count = {"small": 2, "large": 30}[size]
    topics = factories.TopicFactory.create_batch(min(count, 5))
    briefing = factories.BriefingFactory()
    entries = []
    for n in range(count):
        entry = factories.FAQEntryFactory(briefing=briefing if n % 2 else None)
        if n % 6 != 5:
            entry.topics.add(topics[n % len(topics)])
        entries.append(entry)

    with django_assert_num_queries(FAQ_LIST_QUERIES):
        response = client.get(reverse("briefings:faq_list"))

    # Each topic's newest few; the rest are a link away.
    shown = [entry for _topic, group in response.context["groups"] for entry in group]
    shown += response.context["general"]
    assert_shows(response, [entry.question for entry in shown])
    for topic, group in response.context["groups"]:
        assert len(group) == min(topic.faq_count, FAQ_PREVIEW)


@pytest.mark.parametrize("size", SIZES)
def test_the_faq_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    entry = factories.FAQEntryFactory()
    entry.topics.add(*factories.TopicFactory.create_batch({"small": 1, "large": 5}[size]))

    with django_assert_num_queries(FAQ_QUERIES):
        response = client.get(entry.get_absolute_url())

    assert_shows(response, [entry.question])


# Search


@pytest.mark.parametrize("size", SIZES)
def test_search_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    count = {"small": 1, "large": 20}[size]
    for n in range(count):
        briefing = public_briefing(title=f"Kestrel briefing {n}")
        actor = factories.ActorFactory(name=f"Kestrel actor {n}")
        factories.ActorAliasFactory(actor=actor, name=f"Kestrel alias {n}")
        factories.BriefingActorFactory(briefing=briefing, actor=actor)
        quote_in(briefing, actor, text=f"Kestrel words number {n}.")
        factories.FAQEntryFactory(briefing=briefing, question=f"Kestrel question {n}?")

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("briefings:search"), {"q": "kestrel"})

    on_page = {hit.type for hit in response.context["hits"]}
    # PostgreSQL highlights with ts_headline, one query per type (briefings, long, in Python).
    snippets = {k: int(connection.vendor == "postgresql" and k != "briefing") for k in on_page}
    expected = SEARCH_QUERIES[connection.vendor] + sum(
        SEARCH_QUERIES_PER_TYPE[k] + snippets[k] for k in on_page
    )
    assert len(queries) == expected, "\n".join(q["sql"][:150] for q in queries)

    types = {item["kind"]: item["count"] for item in response.context["facets"]["type"]}
    assert types["briefing"] == types["quote"] == types["faq"] == types["actor"] == count
    assert len(response.context["hits"]) == min(20, 4 * count)


# Feeds, sitemap, robots.txt

FEEDS = {
    "all, Atom": ("briefings:feed", None),
    "all, RSS": ("briefings:feed_rss", None),
    "topic, Atom": ("briefings:topic_feed", "feed-topic"),
    "topic, RSS": ("briefings:topic_feed_rss", "feed-topic"),
    "actor, Atom": ("briefings:actor_feed", "feed-actor"),
    "actor, RSS": ("briefings:actor_feed_rss", "feed-actor"),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("feed", FEEDS)
def test_each_feed_runs_a_fixed_number_of_queries(client, django_assert_num_queries, feed, size):
    topic = factories.TopicFactory(slug="feed-topic")
    actor = factories.ActorFactory(slug="feed-actor")
    for n in range({"small": 1, "large": 30}[size]):
        briefing = public_briefing(published_at=days_ago(n + 1))
        briefing.topics.add(topic)
        briefing.authors.add(
            factories.UserFactory(first_name="Author", last_name=f"{n}a"),
            factories.UserFactory(first_name="Author", last_name=f"{n}b"),
        )
        factories.BriefingActorFactory(briefing=briefing, actor=actor)
    url_name, slug = FEEDS[feed]
    expected = FEED_QUERIES if slug is None else TOPIC_OR_ACTOR_FEED_QUERIES

    with django_assert_num_queries(expected):
        response = client.get(reverse(url_name, args=[slug] if slug else []))

    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_the_sitemap_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    count = {"small": 1, "large": 30}[size]
    for _ in range(count):
        briefing = public_briefing()
        briefing.places.add(factories.PlaceFactory())
        factories.BriefingActorFactory(briefing=briefing)

    with django_assert_num_queries(SITEMAP_QUERIES):
        response = client.get(reverse("sitemap"))

    assert response.content.decode().count("<url>") == 4 * count


def test_robots_txt_runs_no_query(client, django_assert_num_queries):
    with django_assert_num_queries(ROBOTS_QUERIES):
        response = client.get(reverse("briefings:robots"))

    assert response.status_code == 200
