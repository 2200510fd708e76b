"""Every list endpoint runs the same number of SQL queries for 5 items as for 100.

Each item has its related objects, so a missing select_related/prefetch_related shows as a
count that grows with the page. Requests are anonymous (no token lookup) at page_size=100.
"""

import datetime

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

# Briefings: count + page, then one prefetch each for topics, places, sources, authors,
# corrections, faq entries, related briefings, actor links (with actors), quote links and quotes.
BRIEFING_LIST_QUERIES = 12
# Actors: count + page, then aliases, tenures (with offices), country comes with select_related.
ACTOR_LIST_QUERIES = 4
# Offices: count + page (organisation with select_related), then tenures.
OFFICE_LIST_QUERIES = 3
# Quotes: cursor pagination (no count query): page with speaker, tenure, office and source
# joined in, then the speakers' tenures, then the public briefings that use each quote.
QUOTE_LIST_QUERIES = 3
# FAQ entries: count + page (briefing joined in), then topics.
FAQ_LIST_QUERIES = 3
# Topics: count + page (parent joined in).
TOPIC_LIST_QUERIES = 2
# Places: count + page, then parents.
PLACE_LIST_QUERIES = 3
# Sources: count + page.
SOURCE_LIST_QUERIES = 2
# Corrections: count + page (briefing joined in).
CORRECTION_LIST_QUERIES = 2


def briefings(n):
    topic, place, source = (
        factories.TopicFactory(),
        factories.PlaceFactory(),
        factories.SourceFactory(),
    )
    author = factories.UserFactory()
    previous = None
    for _ in range(n):
        briefing = factories.BriefingFactory()
        briefing.topics.add(topic, factories.TopicFactory())
        briefing.places.add(place)
        briefing.sources.add(source)
        briefing.authors.add(author)
        factories.BriefingActorFactory(briefing=briefing)
        factories.BriefingQuoteFactory(briefing=briefing)
        factories.FAQEntryFactory(briefing=briefing)
        factories.CorrectionFactory(briefing=briefing)
        if previous:
            briefing.related.add(previous)
        previous = briefing


def actors(n):
    country = factories.PlaceFactory(kind="country")
    for _ in range(n):
        tenure = factories.TenureFactory(actor=factories.ActorFactory(country=country))
        factories.ActorAliasFactory(actor=tenure.actor)


def offices(n):
    for _ in range(n):
        factories.TenureFactory()


def quotes(n):
    briefing = factories.BriefingFactory()
    for _ in range(n):
        tenure = factories.TenureFactory()
        quote = factories.QuoteFactory(
            speaker=tenure.actor, tenure=tenure, source=factories.SourceFactory()
        )
        factories.BriefingQuoteFactory(briefing=briefing, quote=quote)


def faqs(n):
    briefing = factories.BriefingFactory()
    for _ in range(n):
        factories.FAQEntryFactory(briefing=briefing).topics.add(factories.TopicFactory())


def topics(n):
    parent = factories.TopicFactory()
    for _ in range(n):
        factories.TopicFactory(parent=parent)


def places(n):
    region = factories.PlaceFactory()
    for _ in range(n):
        factories.PlaceFactory(kind="country").parents.add(region)


def sources(n):
    for _ in range(n):
        factories.SourceFactory(published_on=datetime.date(2025, 1, 1))


def corrections(n):
    for _ in range(n):
        factories.CorrectionFactory()


ENDPOINTS = {
    "briefings": (briefings, BRIEFING_LIST_QUERIES),
    "actors": (actors, ACTOR_LIST_QUERIES),
    "offices": (offices, OFFICE_LIST_QUERIES),
    "quotes": (quotes, QUOTE_LIST_QUERIES),
    "faqs": (faqs, FAQ_LIST_QUERIES),
    "topics": (topics, TOPIC_LIST_QUERIES),
    "places": (places, PLACE_LIST_QUERIES),
    "sources": (sources, SOURCE_LIST_QUERIES),
    "corrections": (corrections, CORRECTION_LIST_QUERIES),
}


@pytest.mark.parametrize("name", ENDPOINTS)
def test_a_full_page_of_100_costs_the_pinned_number_of_queries(
    anonymous_client, django_assert_num_queries, name
):
    build, expected = ENDPOINTS[name]
    build(100)
    url = f"/api/v1/{name}/"
    with django_assert_num_queries(expected):
        response = anonymous_client.get(url, {"page_size": 100})
    assert response.status_code == 200
    assert len(response.json()["results"]) >= 100


@pytest.mark.parametrize("name", ENDPOINTS)
def test_a_page_of_5_costs_the_same_as_a_page_of_100(
    anonymous_client, django_assert_num_queries, name
):
    build, expected = ENDPOINTS[name]
    build(5)
    url = f"/api/v1/{name}/"
    with django_assert_num_queries(expected):
        response = anonymous_client.get(url, {"page_size": 100})
    assert response.status_code == 200
    assert len(response.json()["results"]) >= 5
