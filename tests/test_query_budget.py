"""Query budget: every public URL, over little data and over much, runs exactly its pinned queries.

The routes come from walking the URL resolver, so a new route fails
`test_every_route_has_a_query_budget_or_a_reason_to_have_none` until it has a line in BUDGET,
or a reason in EXCLUDED. Each route's URL is filled in from named objects of a fixture and
requested by an anonymous client; a failure prints the URL, the count, the budget and the SQL.

Constancy: the same URLs are requested in two worlds. The small one has one of everything, each
linked once. The large one grows those same objects to many topics, places, authors, sources,
corrections, questions, quotes (with sources and offices), actors in every role, related
briefings, aliases and tenures, among a generated corpus of 60 briefings with 50 actors and
hundreds of quotes, and more drafts. A URL must cost exactly its budget in both worlds: a count
that grows with the data (an N+1) fails over much data, and a count below budget fails too, so
that the table stays exact. Pages that need much data to exist (page 2) are visited there only.
Autocomplete alone stops once it has enough names, so more data costs it fewer queries: its
budget is a ceiling.

Each world is built once, inside a transaction rolled back when its tests are done; each test
runs in a savepoint within it. The page cache and the content cache are off in the test settings,
and the cache (with it the anonymous API throttle's counters) is emptied before every test, so
no request meets a 429.
"""

import datetime
import itertools
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from briefings.corpus import generate_corpus
from briefings.models import (
    Actor,
    ActorRedirect,
    Briefing,
    BriefingActor,
    BriefingQuote,
    Correction,
    FAQEntry,
    Place,
    Quote,
    Source,
    Tenure,
    Topic,
    normalise_quote_text,
)
from briefings.search import rebuild_search_vectors
from tests import factories

SMALL, LARGE = "small", "large"
BOTH = (SMALL, LARGE)
SEARCH_WORD = "kestrel"  # in one briefing, quote, question and actor (five of each when large)
HIDDEN_WORD = "gyrfalcon"  # in drafts and what only drafts use: no public response shows it


@dataclass(frozen=True)
class Visit:
    """One request to a route, and what it costs."""

    queries: int | dict[str, int]  # per database vendor where they differ
    obj: str | None = None  # the fixture object whose slug or pk fills the route
    query: str = ""  # formatted with the fixture's objects, e.g. "topic={topic.slug}"
    status: int = 200
    sizes: tuple[str, ...] = BOTH
    # False where a view stops early once it has enough results, so that more data costs
    # fewer queries: the budget is then a ceiling.
    exact: bool = True

    def budget(self):
        if isinstance(self.queries, int):
            return self.queries
        return self.queries[connection.vendor]


LARGE_ONLY = (LARGE,)
# Search counts and ranks with one UNION on PostgreSQL and one query per type on SQLite, and
# highlights with ts_headline on PostgreSQL only: tests/briefings/test_query_counts.py explains
# each query. The API answers without the page's six facet queries.
SEARCH_QUERIES = {"postgresql": 18, "sqlite": 19}
API_SEARCH_QUERIES = {"postgresql": 12, "sqlite": 13}

# Every named route, by "namespace:name", with the visits to it, the bare URL first. A DRF
# route's format-suffix twin (/api/v1/briefings.json) is visited as .json on the first budget.
# What each page's queries are is told in tests/briefings/test_query_counts.py and
# tests/api/test_query_counts_api.py; here, only the totals.
BUDGET = {
    # Reader pages
    "briefings:home": (Visit(9),),
    "briefings:briefing_list": (
        Visit(9),
        Visit(12, query="topic={topic.slug}&place={place.slug}&actor={actor.slug}&type=analysis"),
        Visit(9, query="page=2", sizes=LARGE_ONLY),
    ),
    "briefings:briefing_detail": (Visit(14, "briefing"),),
    "briefings:actor_list": (Visit(1),),
    "briefings:actor_detail": (
        Visit(9, "actor"),
        Visit(9, "actor", query="page=2", sizes=LARGE_ONLY),
        Visit(2, "moved_actor", status=301),  # an old slug, to the actor it was merged into
    ),
    "briefings:topic_list": (Visit(1),),
    "briefings:topic_detail": (Visit(9, "topic"),),
    "briefings:place_list": (Visit(1),),
    "briefings:place_detail": (Visit(8, "place"),),
    "briefings:quote_list": (
        Visit(7),
        Visit(9, query="speaker={actor.slug}&topic={topic.slug}&verification=verified"),
        Visit(7, query="page=2", sizes=LARGE_ONLY),
    ),
    "briefings:quote_detail": (Visit(4, "quote"),),
    "briefings:faq_list": (Visit(4),),
    "briefings:faq_detail": (Visit(2, "faq"),),
    "briefings:search": (Visit(0), Visit(SEARCH_QUERIES, query=f"q={SEARCH_WORD}")),
    # Feeds, sitemap, robots.txt, favicon
    "briefings:feed": (Visit(3),),
    "briefings:feed_rss": (Visit(3),),
    "briefings:topic_feed": (Visit(4, "topic"),),
    "briefings:topic_feed_rss": (Visit(4, "topic"),),
    "briefings:actor_feed": (Visit(4, "actor"),),
    "briefings:actor_feed_rss": (Visit(4, "actor"),),
    "sitemap": (Visit(8),),
    "briefings:robots": (Visit(0),),
    "briefings:favicon": (Visit(0, status=301),),
    # API: roots, schema and documentation
    "api:root": (Visit(0),),
    "api:v1-root": (Visit(0),),
    "api:schema": (Visit(0),),
    "api:docs": (Visit(0),),
    "api:redoc": (Visit(0, status=301),),
    # API: search (`q` is required)
    "api:search": (Visit(0, status=400), Visit(API_SEARCH_QUERIES, query=f"q={SEARCH_WORD}")),
    "api:search-autocomplete": (
        Visit(0, status=400),
        # One query per type until eight names are found: all five types when small.
        Visit(6, query="q=kes", exact=False),
    ),
    # API: resources. Lists also at their largest page and in the browsable API, whose filter
    # form lists its choices.
    "api:briefing-list": (
        Visit(12),
        Visit(12, query="page_size=100"),
        Visit(14, query="topic={topic.slug}&place={place.slug}"),
        Visit(12, query="page=2", sizes=LARGE_ONLY),
        Visit(15, query="format=api"),
    ),
    "api:briefing-sync": (Visit(11), Visit(11, query="page_size=100")),
    "api:briefing-detail": (Visit(11, "briefing"),),
    "api:actor-list": (Visit(4), Visit(4, query="page_size=100"), Visit(5, query="format=api")),
    "api:actor-detail": (Visit(3, "actor"),),
    "api:actor-connections": (Visit(2, "actor"),),
    "api:office-list": (Visit(3), Visit(3, query="page_size=100"), Visit(4, query="format=api")),
    "api:office-detail": (Visit(2, "office"),),
    "api:quote-list": (Visit(3), Visit(3, query="page_size=100"), Visit(5, query="format=api")),
    "api:quote-detail": (Visit(3, "quote"),),
    "api:faqentry-list": (Visit(3), Visit(3, query="page_size=100"), Visit(4, query="format=api")),
    "api:faqentry-detail": (Visit(2, "faq"),),
    "api:topic-list": (Visit(2), Visit(2, query="page_size=100"), Visit(3, query="format=api")),
    "api:topic-detail": (Visit(1, "topic"),),
    "api:place-list": (Visit(3), Visit(3, query="page_size=100"), Visit(3, query="format=api")),
    "api:place-detail": (Visit(2, "place"),),
    "api:source-list": (Visit(2), Visit(2, query="page_size=100"), Visit(2, query="format=api")),
    "api:source-detail": (Visit(1, "source"),),
    "api:correction-list": (
        Visit(2),
        Visit(2, query="page_size=100"),
        Visit(2, query="format=api"),
    ),
    "api:correction-detail": (Visit(1, "correction"),),
}

# Answered by infra.health.HealthCheckMiddleware before URL resolution: not in the resolver.
HEALTH = {
    "/healthz": (Visit(0),),
    "/readyz": (Visit(1),),  # SELECT 1
}

# Routes not walked: a namespace, a "namespace:name", or a format-suffix twin "name.<format>".
EXCLUDED = {
    "admin": "editor pages behind a login, not public",
    "api:import": "POST only, for editors: nothing to GET",
}


def report(url, queries, budget):
    """The failure message: the URL, what it cost against its budget, and every statement run."""
    statements = "\n".join(
        f"{number:>3}. {query['sql']}"
        for number, query in enumerate(queries.captured_queries, start=1)
    )
    return f"{url} ran {len(queries)} queries, budget {budget}:\n{statements}"


# The routes, walked from the resolver and keyed as BUDGET and EXCLUDED name them.

FORMAT_TWIN = ".<format>"


def walk(patterns, namespace="", prefix=""):
    """(key, resolver or pattern) for every namespace and route, not entering EXCLUDED namespaces.

    A namespace is keyed by its (nested) name, a route "namespace:name", an unnamed route by its
    full pattern, and the twin DRF's format suffixes add to a route (`briefings.json`) by the
    route's key with ".<format>".
    """
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace]))
            if entry.namespace:
                yield inner, entry
                if inner in EXCLUDED:
                    continue
            yield from walk(entry.url_patterns, inner, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            if entry.name is None:
                yield prefix + str(entry.pattern), entry
                continue
            key = f"{namespace}:{entry.name}" if namespace else entry.name
            # DRF's twin captures the suffix as `format`: `\.(?P<format>[a-z0-9]+)/?$`.
            is_twin = "format" in entry.pattern.regex.groupindex
            yield key + FORMAT_TWIN if is_twin else key, entry


def routes():
    """Every namespace and route of the URLconf in use, by key."""
    return dict(walk(get_resolver().url_patterns))


def plain(key):
    """The route a format-suffix twin's key is the twin of (any other key: itself)."""
    return key.removesuffix(FORMAT_TWIN)


@dataclass(frozen=True)
class Case:
    """One visit to a route (or, for HEALTH, a path): a test's parameter."""

    route: str  # a key of BUDGET, or a path of HEALTH
    visit: Visit
    twin: bool = False  # the route's format-suffix twin, as .json

    def __str__(self):
        query = f"?{self.visit.query}" if self.visit.query else ""
        status = f" ({self.visit.status})" if self.visit.status != 200 else ""
        return f"{self.route}{'.json' if self.twin else ''}{query}{status}"

    def url(self, world):
        if self.route in HEALTH:
            return self.route
        kwargs = {}
        if self.visit.obj:
            # Filled from the route's own parameters: <slug:slug> from .slug, <int:pk> from .pk.
            obj = getattr(world, self.visit.obj)
            parameters = routes()[self.route].pattern.regex.groupindex
            kwargs = {name: getattr(obj, name) for name in parameters}
        if self.twin:
            kwargs["format"] = "json"
        url = reverse(self.route, kwargs=kwargs)
        if self.visit.query:
            url += "?" + self.visit.query.format(**vars(world))
        return url


def cases(size):
    """Every visit of this world's size: BUDGET's, each DRF route's first again as .json,
    then HEALTH's."""
    found = routes()
    for route, visits in BUDGET.items():
        visiting = [visit for visit in visits if size in visit.sizes]
        yield from (Case(route, visit) for visit in visiting)
        if route + FORMAT_TWIN in found and visits[0] in visiting:
            yield Case(route, visits[0], twin=True)
    for path, visits in HEALTH.items():
        yield from (Case(path, visit) for visit in visits if size in visit.sizes)


def test_every_route_has_a_query_budget_or_a_reason_to_have_none():
    found = routes()
    walked = [
        key
        for key, entry in found.items()
        if isinstance(entry, URLPattern) and key not in EXCLUDED and plain(key) not in EXCLUDED
    ]
    unbudgeted = [key for key in walked if plain(key) not in BUDGET]
    stale = [key for key in [*BUDGET, *EXCLUDED] if key not in found]

    assert not unbudgeted, f"Add these routes to BUDGET, or to EXCLUDED with a reason: {unbudgeted}"
    assert not stale, f"BUDGET or EXCLUDED names routes that do not exist: {stale}"
    assert not BUDGET.keys() & EXCLUDED.keys(), "A route is both budgeted and excluded"


# The worlds. The small one: one of everything, each linked once, and hidden things that only
# a draft or a scheduled briefing uses. The large one grows the same named objects.

CORPUS_SEED = 4021  # fixed: generate_corpus refuses a seed it has written before
DAY = datetime.timedelta(days=1)


def small_world():
    """One of everything, each linked once; the named objects are the world's attributes."""
    now = timezone.now()
    topic = factories.TopicFactory()
    place = factories.PlaceFactory(kind=Place.Kind.COUNTRY)
    office = factories.OfficeFactory()
    actor = factories.ActorFactory(name=f"Harriet {SEARCH_WORD.title()}", country=place)
    factories.ActorAliasFactory(actor=actor)
    tenure = factories.TenureFactory(
        actor=actor, office=office, started_on=datetime.date(2020, 1, 1)
    )
    source = factories.SourceFactory(published_on=datetime.date(2025, 1, 10))
    briefing = factories.BriefingFactory(
        title=f"The {SEARCH_WORD} talks", featured=True, published_at=now - DAY
    )
    briefing.topics.add(topic)
    briefing.places.add(place)
    briefing.sources.add(source)
    briefing.authors.add(factories.UserFactory())
    briefing.related.add(factories.BriefingFactory(published_at=now - 2 * DAY))
    factories.BriefingActorFactory(briefing=briefing, actor=actor, role=BriefingActor.Role.SUBJECT)
    quote = factories.QuoteFactory(
        text=f"The {SEARCH_WORD} will fly again.",
        speaker=actor,
        tenure=tenure,
        source=source,
        said_on=datetime.date(2025, 1, 10),
        verification=Quote.Verification.VERIFIED,
    )
    factories.BriefingQuoteFactory(briefing=briefing, quote=quote)
    faq = factories.FAQEntryFactory(briefing=briefing, question=f"Why the {SEARCH_WORD}?")
    faq.topics.add(topic)
    correction = factories.CorrectionFactory(briefing=briefing)
    redirect = ActorRedirect.objects.create(old_slug=f"{actor.slug}-before", actor=actor)

    # Hidden: a draft and a scheduled briefing, on the same topic and place, with what only
    # they use. The draft names an actor an import created, whom no one has reviewed.
    unreviewed = factories.ActorFactory(name=f"Ulla {HIDDEN_WORD.title()}", needs_review=True)
    draft = hide(
        factories.BriefingFactory(
            title=f"The {HIDDEN_WORD} draft",
            status=Briefing.Status.DRAFT,
            published_at=None,
        ),
        topic=topic,
        place=place,
        speaker=unreviewed,
    )
    hide(
        factories.BriefingFactory(title=f"The {HIDDEN_WORD} to come", published_at=now + 10 * DAY),
        topic=topic,
        place=place,
        speaker=actor,
    )
    return SimpleNamespace(
        briefing=briefing,
        actor=actor,
        topic=topic,
        place=place,
        quote=quote,
        faq=faq,
        office=office,
        source=source,
        correction=correction,
        # The address of an actor since merged into `actor`.
        moved_actor=SimpleNamespace(slug=redirect.old_slug),
        draft=draft,
        tenure=tenure,
    )


def hide(briefing, *, topic, place, speaker):
    """`briefing`, not public, on the topic and place, naming and quoting the speaker, with a
    question and a correction of its own: all that only it uses says HIDDEN_WORD."""
    briefing.topics.add(topic)
    briefing.places.add(place)
    factories.BriefingActorFactory(briefing=briefing, actor=speaker)
    quote = factories.QuoteFactory(text=f"The {HIDDEN_WORD}, by {briefing.title}.", speaker=speaker)
    factories.BriefingQuoteFactory(briefing=briefing, quote=quote)
    factories.FAQEntryFactory(briefing=briefing, question=f"What of the {HIDDEN_WORD}?")
    factories.CorrectionFactory(briefing=briefing, text=f"The {HIDDEN_WORD} was misnamed.")
    return briefing


def grow(world):
    """The small world among a generated corpus, its named objects linked many times over."""
    generate_corpus(briefings=60, seed=CORPUS_SEED)
    briefing, actor, topic, place = world.briefing, world.actor, world.topic, world.place
    now = timezone.now()
    ours = [briefing.pk, *briefing.related.values_list("pk", flat=True)]
    public = list(Briefing.objects.published().exclude(pk__in=ours).order_by("pk"))
    others = list(
        Actor.objects.public().exclude(pk=actor.pk).filter(tenures__isnull=False).distinct()
    )

    # SEARCH_WORD in four more of each type (five in all): these briefings and actors, and
    # below, questions and quotes.
    for n in range(2, 6):
        factories.BriefingFactory(
            title=f"{SEARCH_WORD.title()} report {n}", published_at=now - n * DAY
        )
    named = [factories.ActorFactory(name=f"{SEARCH_WORD.title()} speaker {n}") for n in range(4)]

    # The briefing: five topics, places and sources, four authors and corrections, six
    # questions, nine quotes, nine actors in every role and six related briefings.
    briefing.topics.add(*Topic.objects.exclude(pk=topic.pk)[:4])
    briefing.places.add(*Place.objects.exclude(pk=place.pk)[:4])
    briefing.sources.add(*Source.objects.exclude(pk=world.source.pk)[:4])
    briefing.authors.add(*factories.UserFactory.create_batch(3))
    briefing.related.add(*public[:5])
    Correction.objects.bulk_create(
        Correction(briefing=briefing, text=f"Correction {n}.", published_at=now) for n in range(3)
    )
    FAQEntry.objects.bulk_create(
        FAQEntry(
            briefing=briefing,
            question=f"What next for the {SEARCH_WORD}, {n}?" if n < 4 else "Who decides?",
            answer="Talks.",
            answer_html="<p>Talks.</p>",
            order=n + 1,
        )
        for n in range(5)
    )
    roles = itertools.cycle(BriefingActor.Role.values)
    BriefingActor.objects.bulk_create(
        BriefingActor(briefing=briefing, actor=other, role=next(roles), mention_count=1)
        for other in [*named, *others[:4]]
    )

    # The actor: four aliases, three tenures, 26 public quotes in 21 public briefings.
    factories.ActorAliasFactory.create_batch(3, actor=actor)
    for started in (2010, 2015):
        factories.TenureFactory(
            actor=actor,
            started_on=datetime.date(started, 1, 1),
            ended_on=datetime.date(started + 4, 12, 31),
        )
    BriefingActor.objects.bulk_create(
        BriefingActor(briefing=other, actor=actor, mention_count=1) for other in public[:20]
    )
    texts = [f"Quote {n} on the {SEARCH_WORD}." if n < 4 else f"Quote {n}." for n in range(25)]
    quotes = Quote.objects.bulk_create(
        Quote(
            text=text,
            text_normalised=normalise_quote_text(text),
            speaker=actor,
            tenure=world.tenure,
            said_on=datetime.date(2024, 1, 1) + n * DAY,
            said_on_precision="day",
            source=world.source,
            verification=Quote.Verification.VERIFIED,
        )
        for n, text in enumerate(texts)
    )
    BriefingQuote.objects.bulk_create(
        [
            *(
                BriefingQuote(briefing=public[n % 20], quote=quote)
                for n, quote in enumerate(quotes)
            ),
            *(
                BriefingQuote(briefing=briefing, quote=quote, order=n + 1)
                for n, quote in enumerate(quotes[:8])
            ),
            # The quote, in eleven briefings.
            *(BriefingQuote(briefing=other, quote=world.quote) for other in public[20:30]),
        ]
    )

    # The topic and place on 30 public briefings; the question on five topics.
    Briefing.topics.through.objects.bulk_create(
        Briefing.topics.through(briefing=other, topic=topic) for other in public[:29]
    )
    Briefing.places.through.objects.bulk_create(
        Briefing.places.through(briefing=other, place=place) for other in public[:29]
    )
    world.faq.topics.add(*Topic.objects.exclude(pk=topic.pk)[:4])

    # The office: six holders, one after another.
    Tenure.objects.bulk_create(
        Tenure(
            actor=other,
            office=world.office,
            started_on=datetime.date(1995 + 5 * n, 1, 1),
            ended_on=datetime.date(1999 + 5 * n, 12, 31),
        )
        for n, other in enumerate(others[4:9])
    )

    # More drafts.
    for n in range(3):
        hide(
            factories.BriefingFactory(
                title=f"The {HIDDEN_WORD} draft {n}",
                status=Briefing.Status.DRAFT,
                published_at=None,
            ),
            topic=topic,
            place=place,
            speaker=actor,
        )
    return world


@pytest.fixture(scope="module")
def world(request, django_db_setup, django_db_blocker):
    """The named objects of the small or the large world (the parameter), built once for the
    module's tests of that size and rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = small_world()
        if request.param == LARGE:
            grow(built)
        # bulk_create sends no signals, and the vectors a save marks wait for a commit.
        rebuild_search_vectors()
        yield built
        transaction.set_rollback(True)


def assert_within_budget(world, client, case):
    url = case.url(world)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response.status_code == case.visit.status, f"{url} answered {response.status_code}"
    budget = case.visit.budget()
    if case.visit.exact:
        assert len(queries) == budget, report(url, queries, budget)
    else:
        assert len(queries) <= budget, report(url, queries, budget)
    if response.status_code == 200:
        # Not even in a filter form's choices (the browsable API lists actors there).
        assert HIDDEN_WORD not in response.content.decode().lower(), f"{url} shows a draft's text"


# Two tests, not one parametrised by size, so that each world is built once: pytest keeps a
# module-scoped fixture only while the tests it runs share its parameter.


@pytest.mark.django_db
@pytest.mark.parametrize("world", [SMALL], indirect=True)
@pytest.mark.parametrize("case", list(cases(SMALL)), ids=str)
def test_each_public_url_runs_its_budgeted_queries_over_little_data(world, client, case):
    assert_within_budget(world, client, case)


@pytest.mark.django_db
@pytest.mark.parametrize("world", [LARGE], indirect=True)
@pytest.mark.parametrize("case", list(cases(LARGE)), ids=str)
def test_each_public_url_runs_its_budgeted_queries_over_much_data(world, client, case):
    assert_within_budget(world, client, case)


@pytest.mark.django_db
@pytest.mark.parametrize("world", [LARGE], indirect=True)
@pytest.mark.parametrize(
    ("name", "field"), [("briefings:briefing_detail", "slug"), ("api:briefing-detail", "pk")]
)
def test_a_draft_is_not_found_by_anonymous_readers(world, client, name, field):
    response = client.get(reverse(name, kwargs={field: getattr(world.draft, field)}))

    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("world", [LARGE], indirect=True)
def test_the_large_world_has_enough_of_everything_to_show_an_n_plus_1(world):
    briefing, actor = world.briefing, world.actor
    at_least = {
        "public briefings, over two pages": (Briefing.objects.published(), 41),
        "briefings that are not public": (
            Briefing.objects.exclude(pk__in=Briefing.objects.published()),
            3,
        ),
        "public quotes, over two pages": (Quote.objects.published(), 51),
        "actors with offices": (Actor.objects.filter(tenures__isnull=False).distinct(), 30),
        "the briefing's topics": (briefing.topics.all(), 5),
        "the briefing's places": (briefing.places.all(), 5),
        "the briefing's authors": (briefing.authors.all(), 4),
        "the briefing's sources": (briefing.sources.all(), 5),
        "the briefing's corrections": (briefing.corrections.all(), 4),
        "the briefing's questions": (briefing.faq_entries.all(), 6),
        "the briefing's quotes": (briefing.quote_links.all(), 9),
        "the briefing's actors": (briefing.actor_links.all(), 9),
        "the briefing's related briefings": (briefing.related.all(), 6),
        "the actor's aliases": (actor.aliases.all(), 4),
        "the actor's tenures": (actor.tenures.all(), 3),
        "the actor's quotes, over a page": (Quote.objects.published().filter(speaker=actor), 26),
        "the actor's briefings": (Briefing.objects.published().involving(actor), 21),
        "the topic's briefings": (Briefing.objects.published().filter(topics=world.topic), 30),
        "the place's briefings": (Briefing.objects.published().filter(places=world.place), 30),
        "the office's tenures": (world.office.tenures.all(), 6),
        "the quote's briefings": (world.quote.briefings.all(), 11),
        "the question's topics": (world.faq.topics.all(), 5),
    }
    counts = {what: queryset.count() for what, (queryset, _least) in at_least.items()}
    assert not {what: n for what, n in counts.items() if n < at_least[what][1]}
    roles = set(briefing.actor_links.values_list("role", flat=True))
    assert roles == set(BriefingActor.Role.values)
