"""Every reader URL through the test client: what a reader sees, filters, pagination, feeds and metadata."""

import datetime
import json
import re
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from types import SimpleNamespace
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from briefings.models import Actor, Briefing, BriefingActor, FAQEntry, Place, Quote, Topic
from reader import views
from tests import factories

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE_URL = "http://testserver"
# What an empty state might say: the exact wording belongs to the templates.
EMPTY_STATE = re.compile(
    r"no results|nothing (?:was )?found|found nothing|no matches|nothing matches|no (?:published )?(?:briefings|quotes)",
    re.IGNORECASE,
)


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def on(year, month=1, day=1):
    return datetime.datetime(year, month, day, 9, 0, tzinfo=datetime.UTC)


# Reading pages the way a reader's browser would


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.title = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "title" and self.title is None:
            self._in_title, self.title = True, ""

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def parse(content):
    page = _Page()
    page.feed(content)
    return page


def title_of(content):
    return (parse(content).title or "").strip()


def elements(content, tag, **attributes):
    """Attributes of each `tag` whose attributes include `attributes` (pass `rel=`, `name=` …)."""
    return [
        attrs
        for name, attrs in parse(content).tags
        if name == tag and all(attrs.get(key) == value for key, value in attributes.items())
    ]


def hrefs(content):
    return [attrs.get("href") or "" for attrs in elements(content, "a")]


def links_to(content, url):
    """True when the page links to `url`, relative or absolute, to the page or a part of it."""
    targets = {href.split("#")[0].removeprefix(BASE_URL) or "/" for href in hrefs(content)}
    return url.removeprefix(BASE_URL) in targets


def ids(content):
    return {attrs["id"] for _, attrs in parse(content).tags if attrs.get("id")}


def structured_data(content):
    """Every JSON-LD item on the page; a block may hold one item, a list or an @graph."""
    items = []
    pattern = r'<script[^>]*type="application/ld\+json"[^>]*>(.*?)</script>'
    for block in re.findall(pattern, content, re.DOTALL):
        data = json.loads(block)
        for item in data if isinstance(data, list) else [data]:
            items.extend(item.get("@graph", [item]))
    return items


def items_of_type(content, type_):
    return [item for item in structured_data(content) if item.get("@type") == type_]


def assert_count_beside(content, label, count):
    """The page prints `count` right after `label` (a facet), whatever markup lies between."""
    pattern = re.escape(label) + r"(?:\s|<[^>]*>|\()*" + str(count) + r"(?!\d)"
    assert re.search(pattern, content), f"no count {count} beside {label!r}"


def facet(response, name):
    """The facet `name` from the page's context, as {label: count}."""
    counts = {}
    for row in response.context["facets"][name]:
        if isinstance(row, dict):
            counts[row.get("label", row.get("year"))] = row["count"]
        else:
            counts[str(row)] = row.count
    return counts


def body(content):
    """The page's body without its scripts: where the order a reader sees things is checked."""
    content = content[content.find("<body") :]
    return re.sub(r"<script.*?</script>", "", content, flags=re.DOTALL)


def titles(objects):
    return {str(obj) for obj in objects}


def describe(value):
    """A readable test id for a query string."""
    if isinstance(value, dict):
        return "&".join(f"{key}={item}" for key, item in value.items())
    return "gives " + (",".join(sorted(value)) or "nothing")


def page(response):
    assert response.status_code == 200
    return response.content.decode()


# A small public site


@pytest.fixture
def world(db):
    """A public briefing with one of everything hanging off it, and a general FAQ entry."""
    topic = factories.TopicFactory(name="Security guarantees", slug="security-guarantees")
    place = factories.PlaceFactory(name="Ukraine", slug="ukraine", kind=Place.Kind.COUNTRY)
    actor = factories.ActorFactory(name="Mark Rutte", slug="mark-rutte")
    briefing = factories.BriefingFactory(
        title="Ukraine peace talks and the new security landscape",
        standfirst="Talks resume; guarantees are the sticking point.",
    )
    briefing.topics.add(topic)
    briefing.places.add(place)
    factories.BriefingActorFactory(briefing=briefing, actor=actor, role=BriefingActor.Role.SUBJECT)
    quote = factories.QuoteFactory(
        speaker=actor, text="Today was really about security guarantees."
    )
    factories.BriefingQuoteFactory(briefing=briefing, quote=quote)
    entry = factories.FAQEntryFactory(briefing=briefing, question="What are security guarantees?")
    entry.topics.add(topic)
    general = factories.FAQEntryFactory(briefing=None, question="Who writes these briefings?")
    return SimpleNamespace(
        briefing=briefing,
        topic=topic,
        place=place,
        actor=actor,
        quote=quote,
        entry=entry,
        general=general,
    )


PAGES = {
    "home": lambda w: reverse("briefings:home"),
    "briefing list": lambda w: reverse("briefings:briefing_list"),
    "briefing": lambda w: w.briefing.get_absolute_url(),
    "actor index": lambda w: reverse("briefings:actor_list"),
    "actor": lambda w: w.actor.get_absolute_url(),
    "topic index": lambda w: reverse("briefings:topic_list"),
    "topic": lambda w: w.topic.get_absolute_url(),
    "place index": lambda w: reverse("briefings:place_list"),
    "place": lambda w: w.place.get_absolute_url(),
    "quote index": lambda w: reverse("briefings:quote_list"),
    "quote": lambda w: w.quote.get_absolute_url(),
    "FAQ index": lambda w: reverse("briefings:faq_list"),
    "FAQ entry": lambda w: w.entry.get_absolute_url(),
    "general FAQ entry": lambda w: w.general.get_absolute_url(),
    "search": lambda w: reverse("briefings:search") + "?q=security",
}
DETAIL_PAGES = {
    "briefing": lambda w: w.briefing,
    "actor": lambda w: w.actor,
    "topic": lambda w: w.topic,
    "place": lambda w: w.place,
    "quote": lambda w: w.quote,
    "FAQ entry": lambda w: w.entry,
}


@pytest.mark.parametrize("name", PAGES)
def test_every_reader_page_answers(client, world, name):
    assert client.get(PAGES[name](world)).status_code == 200


# Home


def test_the_home_page_shows_latest_and_featured_briefings_topics_places_key_actors_and_quotes(
    client, world
):
    world.briefing.featured = True
    world.briefing.save()
    older = factories.BriefingFactory(title="An older briefing", published_at=days_ago(10))

    response = client.get(reverse("briefings:home"))

    content = page(response)
    assert list(response.context["latest"]) == [world.briefing, older]
    assert list(response.context["featured"]) == [world.briefing]
    assert list(response.context["topics"]) == [world.topic]
    assert list(response.context["places"]) == [world.place]
    assert list(response.context["key_actors"]) == [world.actor]
    assert list(response.context["latest_quotes"]) == [world.quote]
    for text in [
        world.briefing.title,
        world.briefing.standfirst,
        older.title,
        world.topic.name,
        world.place.name,
        world.actor.name,
        world.quote.text,
    ]:
        assert text in content
    assert body(content).index(world.briefing.title) < body(content).index(older.title)
    for url in [
        world.briefing.get_absolute_url(),
        world.topic.get_absolute_url(),
        world.place.get_absolute_url(),
        world.actor.get_absolute_url(),
    ]:
        assert links_to(content, url)


def test_the_home_page_takes_everything_from_public_briefings_only(client, world):
    draft = factories.BriefingFactory(
        title="A featured draft", status=Briefing.Status.DRAFT, published_at=None, featured=True
    )
    draft.topics.add(factories.TopicFactory(name="Topic only a draft has"))
    draft.places.add(factories.PlaceFactory(name="Place only a draft has"))
    draft_actor = factories.ActorFactory(name="Actor only a draft has")
    factories.BriefingActorFactory(briefing=draft, actor=draft_actor)
    factories.BriefingQuoteFactory(
        briefing=draft, quote=factories.QuoteFactory(speaker=draft_actor, text="Words of a draft.")
    )

    response = client.get(reverse("briefings:home"))

    content = page(response)
    assert list(response.context["latest"]) == [world.briefing]
    assert list(response.context["featured"]) == []
    for text in [
        draft.title,
        "Topic only a draft has",
        "Place only a draft has",
        "Actor only a draft has",
        "Words of a draft.",
    ]:
        assert text not in content


def test_the_home_page_says_so_when_nothing_is_published_yet(client, draft_briefing):
    content = page(client.get(reverse("briefings:home")))

    assert draft_briefing.title not in content
    assert EMPTY_STATE.search(content)


def test_the_home_page_announces_the_feeds(client, world):
    content = page(client.get(reverse("briefings:home")))

    atom = elements(content, "link", rel="alternate", type="application/atom+xml")
    assert atom
    assert {link["href"] for link in atom} & {
        reverse("briefings:feed"),
        BASE_URL + reverse("briefings:feed"),
    }


# Briefing list


@pytest.fixture
def catalogue(db):
    """Four public briefings across two topics, places, actors, types and years, and a draft."""
    arms = factories.TopicFactory(name="Arms control", slug="arms-control")
    energy = factories.TopicFactory(name="Energy security", slug="energy-security")
    baltic = factories.PlaceFactory(name="Baltic Sea", slug="baltic-sea", kind=Place.Kind.SEA)
    caucasus = factories.PlaceFactory(name="South Caucasus", slug="south-caucasus")
    nato = factories.ActorFactory(name="NATO", slug="nato", kind=Actor.Kind.IGO)
    osce = factories.ActorFactory(name="OSCE", slug="osce", kind=Actor.Kind.IGO)

    def briefing(title, kind, published_at, topic, place, actor=None):
        briefing = factories.BriefingFactory(title=title, kind=kind, published_at=published_at)
        briefing.topics.add(topic)
        briefing.places.add(place)
        if actor:
            factories.BriefingActorFactory(briefing=briefing, actor=actor)
        return briefing

    analysis, background, explainer = (
        Briefing.Kind.ANALYSIS,
        Briefing.Kind.BACKGROUND,
        Briefing.Kind.EXPLAINER,
    )
    b1 = briefing("Missiles in the Baltic", analysis, on(2024, 3), arms, baltic, nato)
    b2 = briefing("Arms talks in the Caucasus", background, on(2024, 6), arms, caucasus, osce)
    b3 = briefing("Pipelines under the Baltic", analysis, on(2025, 2), energy, baltic, nato)
    b4 = briefing("What the treaty limits", explainer, on(2025, 5), arms, baltic)
    draft = briefing("An arms draft", analysis, on(2025, 1), arms, baltic, nato)
    draft.status = Briefing.Status.DRAFT
    draft.save()
    return SimpleNamespace(
        arms=arms,
        energy=energy,
        baltic=baltic,
        caucasus=caucasus,
        nato=nato,
        osce=osce,
        b1=b1,
        b2=b2,
        b3=b3,
        b4=b4,
        draft=draft,
        all=[b1, b2, b3, b4],
    )


def test_the_briefing_list_shows_every_public_briefing_newest_first(client, catalogue):
    response = client.get(reverse("briefings:briefing_list"))

    content = page(response)
    assert list(response.context["briefings"]) == [
        catalogue.b4,
        catalogue.b3,
        catalogue.b2,
        catalogue.b1,
    ]
    assert body(content).index(catalogue.b4.title) < body(content).index(catalogue.b1.title)
    assert catalogue.draft.title not in content
    for briefing in catalogue.all:
        assert links_to(content, briefing.get_absolute_url())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"topic": "arms-control"}, {"b1", "b2", "b4"}),
        ({"place": "baltic-sea"}, {"b1", "b3", "b4"}),
        ({"actor": "nato"}, {"b1", "b3"}),
        ({"type": "background"}, {"b2"}),
        ({"year": "2025"}, {"b3", "b4"}),
    ],
    ids=describe,
)
def test_each_filter_narrows_the_briefing_list(client, catalogue, query, expected):
    response = client.get(reverse("briefings:briefing_list"), query)

    content = page(response)
    wanted = {getattr(catalogue, name) for name in expected}
    assert set(response.context["briefings"]) == wanted
    for briefing in catalogue.all:
        assert (briefing.title in content) is (briefing in wanted)
    assert catalogue.draft.title not in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"topic": "arms-control", "place": "baltic-sea", "year": "2024"}, {"b1"}),
        ({"type": "analysis", "actor": "nato"}, {"b1", "b3"}),
        ({"topic": "arms-control", "type": "explainer", "place": "baltic-sea"}, {"b4"}),
        ({"topic": "energy-security", "year": "2024"}, set()),
    ],
    ids=describe,
)
def test_filters_combine(client, catalogue, query, expected):
    response = client.get(reverse("briefings:briefing_list"), query)

    content = page(response)
    wanted = {getattr(catalogue, name) for name in expected}
    assert set(response.context["briefings"]) == wanted
    for briefing in catalogue.all:
        assert (briefing.title in content) is (briefing in wanted)


def test_the_facets_count_public_briefings_under_each_topic_place_actor_type_and_year(
    client, catalogue
):
    response = client.get(reverse("briefings:briefing_list"))

    content = page(response)
    assert facet(response, "topic") == {"Arms control": 3, "Energy security": 1}
    assert facet(response, "place") == {"Baltic Sea": 3, "South Caucasus": 1}
    assert facet(response, "actor") == {"NATO": 2, "OSCE": 1}
    assert facet(response, "type") == {"Analysis": 2, "Background": 1, "Explainer": 1}
    assert facet(response, "year") == {2025: 2, 2024: 2}
    assert_count_beside(content, "Arms control", 3)
    assert_count_beside(content, "Baltic Sea", 3)
    assert_count_beside(content, "NATO", 2)


def test_the_facet_counts_follow_the_other_active_filters(client, catalogue):
    response = client.get(reverse("briefings:briefing_list"), {"topic": "arms-control"})

    content = page(response)
    assert facet(response, "place") == {"Baltic Sea": 2, "South Caucasus": 1}
    assert facet(response, "actor") == {"NATO": 1, "OSCE": 1}
    assert facet(response, "type") == {"Analysis": 1, "Background": 1, "Explainer": 1}
    assert facet(response, "year") == {2025: 1, 2024: 2}
    assert_count_beside(content, "Baltic Sea", 2)
    assert_count_beside(content, "South Caucasus", 1)

    response = client.get(
        reverse("briefings:briefing_list"), {"topic": "arms-control", "year": "2024"}
    )

    assert facet(response, "place") == {"Baltic Sea": 1, "South Caucasus": 1}
    assert facet(response, "type") == {"Analysis": 1, "Background": 1}


def test_the_briefing_list_shows_twenty_a_page_and_its_pages_keep_the_filters(client):
    topic = factories.TopicFactory(name="Sanctions", slug="sanctions")
    for day in range(25):
        factories.BriefingFactory(published_at=days_ago(day + 1)).topics.add(topic)
    factories.BriefingFactory.create_batch(3)

    first = client.get(reverse("briefings:briefing_list"), {"topic": "sanctions"})

    content = page(first)
    assert len(first.context["briefings"]) == 20
    assert first.context["page_obj"].paginator.count == 25
    next_pages = [
        parse_qs(urlsplit(href).query)
        for href in hrefs(content)
        if parse_qs(urlsplit(href).query).get("page") == ["2"]
    ]
    assert next_pages, "no link to page 2"
    assert all(query.get("topic") == ["sanctions"] for query in next_pages)

    second = client.get(reverse("briefings:briefing_list"), {"topic": "sanctions", "page": 2})

    page(second)
    assert len(second.context["briefings"]) == 5
    assert all(topic in briefing.topics.all() for briefing in second.context["briefings"])


@pytest.mark.parametrize(
    "query",
    [
        {"topic": "no-such-topic"},
        {"place": "atlantis"},
        {"actor": "nobody"},
        {"type": "no-such-type"},
        {"topic": "arms-control", "place": "atlantis"},
    ],
    ids=["topic", "place", "actor", "type", "known topic, unknown place"],
)
def test_an_unknown_filter_value_shows_an_empty_state_not_an_error(client, catalogue, query):
    response = client.get(reverse("briefings:briefing_list"), query)

    content = page(response)
    assert list(response.context["briefings"]) == []
    for briefing in catalogue.all:
        assert briefing.title not in content
    assert EMPTY_STATE.search(content)


def test_a_filter_that_matches_nothing_shows_an_empty_state(client, catalogue):
    response = client.get(reverse("briefings:briefing_list"), {"type": "opinion"})

    content = page(response)
    assert list(response.context["briefings"]) == []
    assert EMPTY_STATE.search(content)


# Briefing page


@pytest.fixture
def full_briefing(db):
    """A public briefing with authors, contents, quotes, FAQ, actors, related briefings, sources."""
    briefing = factories.BriefingFactory(
        title="Security guarantees for Ukraine",
        standfirst="Who would promise what, and what it would be worth.",
        kind=Briefing.Kind.ANALYSIS,
        body=(
            "## Where the talks stand\n\nThe parties met in Geneva.\n\n"
            "### The sticking points\n\nTroops and timing.\n\n"
            "## What comes next\n\nA second round in spring."
        ),
        information_as_of=datetime.date(2025, 8, 20),
    )
    authors = [
        factories.UserFactory(first_name="Anna", last_name="Kowalska"),
        factories.UserFactory(first_name="Jonas", last_name="Berg"),
    ]
    briefing.authors.add(*authors)
    topic = factories.TopicFactory(name="Alliances")
    place = factories.PlaceFactory(name="Black Sea region")
    briefing.topics.add(topic)
    briefing.places.add(place)

    former = factories.TenureFactory(
        actor=factories.ActorFactory(name="Jens Stoltenberg"),
        office=factories.OfficeFactory(title="NATO Secretary General"),
        started_on=datetime.date(2014, 10, 1),
        ended_on=datetime.date(2024, 10, 1),
    )
    current = factories.TenureFactory(
        actor=factories.ActorFactory(name="Kaja Kallas"),
        office=factories.OfficeFactory(title="High Representative of the Union"),
        started_on=datetime.date(2024, 12, 1),
    )
    old_quote = factories.QuoteFactory(
        text="NATO is not a party to the conflict.",
        speaker=former.actor,
        tenure=former,
        said_on=datetime.date(2023, 7, 11),
        source=factories.SourceFactory(
            url="https://www.nato.int/press-conference", title="Press conference"
        ),
        verification=Quote.Verification.VERIFIED,
    )
    new_quote = factories.QuoteFactory(
        text="Europe must be able to defend itself.",
        speaker=current.actor,
        tenure=current,
        said_on=datetime.date(2025, 3, 1),
        verification=Quote.Verification.DISPUTED,
    )
    factories.BriefingQuoteFactory(briefing=briefing, quote=old_quote, order=1)
    factories.BriefingQuoteFactory(briefing=briefing, quote=new_quote, order=2)
    for actor in [former.actor, current.actor]:
        factories.BriefingActorFactory(
            briefing=briefing, actor=actor, role=BriefingActor.Role.QUOTED
        )
    entries = [
        factories.FAQEntryFactory(
            briefing=briefing,
            question="What is a security guarantee?",
            answer="A promise to **defend**.",
            order=1,
        ),
        factories.FAQEntryFactory(
            briefing=briefing, question="Who would send troops?", answer="Nobody yet.", order=2
        ),
    ]
    public_related = factories.BriefingFactory(title="The last round of talks")
    hidden_related = factories.BriefingFactory(
        title="A related draft", status=Briefing.Status.DRAFT, published_at=None
    )
    briefing.related.add(public_related, hidden_related)
    source = factories.SourceFactory(
        url="https://www.osce.org/final-act", title="The Helsinki Final Act", publisher="OSCE"
    )
    briefing.sources.add(source)
    correction = factories.CorrectionFactory(
        briefing=briefing, text="An earlier version misdated the Geneva meeting."
    )
    return SimpleNamespace(
        briefing=briefing,
        authors=authors,
        topic=topic,
        place=place,
        old_quote=old_quote,
        new_quote=new_quote,
        former=former,
        current=current,
        entries=entries,
        public_related=public_related,
        hidden_related=hidden_related,
        source=source,
        correction=correction,
    )


def test_a_briefing_page_shows_title_standfirst_type_authors_and_dates(client, full_briefing):
    content = page(client.get(full_briefing.briefing.get_absolute_url()))

    assert full_briefing.briefing.title in content
    assert full_briefing.briefing.standfirst in content
    assert "Analysis" in content
    assert "Anna Kowalska" in content
    assert "Jonas Berg" in content
    assert re.search("information as of", content, re.IGNORECASE)
    assert re.search(r"20 Aug(?:ust)? 2025|2025-08-20", content)


def test_a_briefing_page_has_a_table_of_contents_linking_to_the_headings(client, full_briefing):
    content = page(client.get(full_briefing.briefing.get_absolute_url()))

    headings = {heading["id"] for heading in full_briefing.briefing.sections}
    assert headings == {"where-the-talks-stand", "what-comes-next"}
    for heading in headings:
        assert heading in ids(content)
        assert f"#{heading}" in hrefs(content)
    assert "The parties met in Geneva." in content


def test_a_briefing_page_shows_its_quotes_in_order_with_attribution_source_and_verification(
    client, full_briefing
):
    content = page(client.get(full_briefing.briefing.get_absolute_url()))

    old, new = full_briefing.old_quote, full_briefing.new_quote
    assert body(content).index(old.text) < body(content).index(new.text)
    assert "then NATO Secretary General" in content
    assert "High Representative of the Union" in content
    assert "then High Representative of the Union" not in content
    assert links_to(content, old.source.url)
    assert links_to(content, old.get_absolute_url())
    assert "Verified" in content
    assert "Disputed" in content


def test_a_briefing_page_shows_the_faq_as_details_elements(client, full_briefing):
    content = page(client.get(full_briefing.briefing.get_absolute_url()))

    assert "<details" in content
    for entry in full_briefing.entries:
        assert entry.question in content
    assert "A promise to <strong>defend</strong>." in content


def test_a_briefing_page_links_its_actors_topics_places_and_sources(client, full_briefing):
    content = page(client.get(full_briefing.briefing.get_absolute_url()))

    for obj in [
        full_briefing.former.actor,
        full_briefing.current.actor,
        full_briefing.topic,
        full_briefing.place,
    ]:
        assert links_to(content, obj.get_absolute_url())
        assert obj.name in content
    assert "The Helsinki Final Act" in content
    assert links_to(content, full_briefing.source.url)


def test_a_briefing_page_shows_related_briefings_only_when_they_are_public(client, full_briefing):
    content = page(client.get(full_briefing.briefing.get_absolute_url()))

    assert full_briefing.public_related.title in content
    assert links_to(content, full_briefing.public_related.get_absolute_url())
    assert full_briefing.hidden_related.title not in content
    assert not links_to(content, full_briefing.hidden_related.get_absolute_url())


def test_a_briefing_page_shows_its_corrections(client, full_briefing):
    content = page(client.get(full_briefing.briefing.get_absolute_url()))

    assert full_briefing.correction.text in content


def test_an_unknown_briefing_is_not_found(client, world):
    assert (
        client.get(reverse("briefings:briefing_detail", args=["no-such-briefing"])).status_code
        == 404
    )


def test_markup_typed_into_a_briefing_is_shown_as_text_not_run(client):
    briefing = factories.BriefingFactory(
        title="<script>alert(1)</script>", body="<script>alert(2)</script>"
    )

    content = page(client.get(briefing.get_absolute_url()))

    assert "<script>alert(" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


# Actors


def test_the_actor_index_groups_actors_by_kind_in_alphabetical_order(client):
    zed = factories.ActorFactory(name="Zelda Zed")
    alpha = factories.ActorFactory(name="Anna Alpha")
    osce = factories.ActorFactory(name="OSCE", kind=Actor.Kind.IGO)
    nato = factories.ActorFactory(name="NATO", kind=Actor.Kind.IGO)
    ukraine = factories.ActorFactory(name="Ukraine", kind=Actor.Kind.STATE)

    response = client.get(reverse("briefings:actor_list"))

    content = page(response)
    groups = {kind: list(actors) for kind, _label, actors in response.context["groups"]}
    assert groups == {
        Actor.Kind.IGO: [nato, osce],
        Actor.Kind.PERSON: [alpha, zed],
        Actor.Kind.STATE: [ukraine],
    }
    assert "Intergovernmental organisation" in content
    assert body(content).index("Anna Alpha") < body(content).index("Zelda Zed")
    assert body(content).index("NATO") < body(content).index("OSCE")
    for actor in [zed, alpha, osce, nato, ukraine]:
        assert links_to(content, actor.get_absolute_url())


def test_an_actor_page_shows_name_kind_description_bio_aliases_and_offices_over_time(client):
    actor = factories.ActorFactory(
        name="Mark Rutte",
        short_description="Dutch politician, head of the alliance",
        bio="Prime Minister, then **NATO** chief.",
    )
    factories.ActorAliasFactory(actor=actor, name="Rutte")
    factories.TenureFactory(
        actor=actor,
        office=factories.OfficeFactory(title="Prime Minister of the Netherlands"),
        started_on=datetime.date(2010, 10, 14),
        ended_on=datetime.date(2024, 7, 2),
    )
    factories.TenureFactory(
        actor=actor,
        office=factories.OfficeFactory(title="NATO Secretary General"),
        started_on=datetime.date(2024, 10, 1),
    )

    content = page(client.get(actor.get_absolute_url()))

    assert "Mark Rutte" in content
    assert "Person" in content
    assert "Dutch politician, head of the alliance" in content
    assert "<strong>NATO</strong> chief" in content
    assert "Rutte" in content
    visible = body(content)
    assert re.search(r"2010.{0,40}2024", visible)
    assert visible.index("Prime Minister of the Netherlands") < visible.index(
        "NATO Secretary General"
    )


def test_an_actor_page_shows_quotes_newest_first_twenty_five_a_page(client, published_briefing):
    actor = factories.ActorFactory(name="Kaja Kallas")
    quotes = []
    for day in range(30):
        quote = factories.QuoteFactory(
            speaker=actor,
            text=f"Statement number {day:02d} on the war.",
            said_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=day),
        )
        factories.BriefingQuoteFactory(briefing=published_briefing, quote=quote)
        quotes.append(quote)
    newest_first = quotes[::-1]

    first = client.get(actor.get_absolute_url())

    content = page(first)
    assert list(first.context["quotes"]) == newest_first[:25]
    assert body(content).index(newest_first[0].text) < body(content).index(newest_first[1].text)
    assert newest_first[25].text not in content
    assert any(parse_qs(urlsplit(href).query).get("page") == ["2"] for href in hrefs(content))

    second = client.get(actor.get_absolute_url(), {"page": 2})

    content = page(second)
    assert list(second.context["quotes"]) == newest_first[25:]
    assert newest_first[-1].text in content
    assert newest_first[0].text not in content


def test_an_actor_page_lists_only_public_briefings_that_involve_them(client, draft_briefing):
    actor = factories.ActorFactory(name="Volodymyr Zelensky")
    public = factories.BriefingFactory(title="Zelensky in Washington")
    factories.BriefingActorFactory(briefing=public, actor=actor)
    factories.BriefingActorFactory(briefing=draft_briefing, actor=actor)

    response = client.get(actor.get_absolute_url())

    content = page(response)
    assert list(response.context["briefings"]) == [public]
    assert public.title in content
    assert links_to(content, public.get_absolute_url())
    assert draft_briefing.title not in content


def test_an_actor_page_counts_connected_actors_from_public_briefings_only(client, draft_briefing):
    actor = factories.ActorFactory(name="Emmanuel Macron")
    often = factories.ActorFactory(name="Olaf Scholz")
    once = factories.ActorFactory(name="Donald Tusk")
    only_in_draft = factories.ActorFactory(name="Someone only a draft names")
    for _ in range(2):
        briefing = factories.BriefingFactory()
        factories.BriefingActorFactory(briefing=briefing, actor=actor)
        factories.BriefingActorFactory(briefing=briefing, actor=often)
    factories.BriefingActorFactory(briefing=briefing, actor=once)
    for other in [actor, often, once, only_in_draft]:
        factories.BriefingActorFactory(briefing=draft_briefing, actor=other)

    response = client.get(actor.get_absolute_url())

    content = page(response)
    connected = {other.name: other.shared_count for other in response.context["connected"]}
    assert connected == {"Olaf Scholz": 2, "Donald Tusk": 1}
    assert links_to(content, often.get_absolute_url())
    assert_count_beside(content, "Olaf Scholz", 2)
    assert_count_beside(content, "Donald Tusk", 1)
    assert only_in_draft.name not in content


def test_an_unknown_actor_is_not_found(client):
    assert client.get(reverse("briefings:actor_detail", args=["nobody"])).status_code == 404


# Topics and places


def test_the_topic_index_lists_every_topic(client):
    topics = [factories.TopicFactory(name=name) for name in ["Sanctions", "Energy", "Alliances"]]

    content = page(client.get(reverse("briefings:topic_list")))

    for topic in topics:
        assert topic.name in content
        assert links_to(content, topic.get_absolute_url())
    visible = body(content)
    assert visible.index("Alliances") < visible.index("Energy") < visible.index("Sanctions")


def test_a_topic_page_shows_sub_topics_briefings_quotes_and_faq(client, world, draft_briefing):
    sub_topic = factories.TopicFactory(name="Nuclear umbrella", parent=world.topic)
    world.topic.description = "Promises to **defend** one another."
    world.topic.save()
    draft_briefing.topics.add(world.topic)

    response = client.get(world.topic.get_absolute_url())

    content = page(response)
    assert list(response.context["briefings"]) == [world.briefing]
    assert "Promises to <strong>defend</strong> one another." in content
    assert links_to(content, sub_topic.get_absolute_url())
    assert world.briefing.title in content
    assert world.quote.text in content
    assert world.entry.question in content
    assert draft_briefing.title not in content


def test_a_topic_page_says_so_when_no_briefing_is_filed_under_it(client):
    topic = factories.TopicFactory()

    response = client.get(topic.get_absolute_url())

    assert list(response.context["briefings"]) == []
    assert EMPTY_STATE.search(page(response))


def test_the_place_index_lists_every_place(client):
    places = [factories.PlaceFactory(name=name) for name in ["Ukraine", "Baltic Sea", "Europe"]]

    content = page(client.get(reverse("briefings:place_list")))

    for place in places:
        assert place.name in content
        assert links_to(content, place.get_absolute_url())


def test_a_place_page_shows_contained_places_briefings_quotes_and_faq(
    client, world, draft_briefing
):
    crimea = factories.PlaceFactory(name="Crimea", kind=Place.Kind.TERRITORY)
    crimea.parents.add(world.place)
    draft_briefing.places.add(world.place)

    response = client.get(world.place.get_absolute_url())

    content = page(response)
    assert list(response.context["briefings"]) == [world.briefing]
    assert "Crimea" in content
    assert links_to(content, crimea.get_absolute_url())
    assert world.briefing.title in content
    assert world.quote.text in content
    assert world.entry.question in content
    assert draft_briefing.title not in content


def test_a_place_page_says_so_when_no_briefing_covers_it(client):
    place = factories.PlaceFactory()

    assert EMPTY_STATE.search(page(client.get(place.get_absolute_url())))


@pytest.mark.parametrize("name", ["topic_detail", "place_detail"])
def test_an_unknown_topic_or_place_is_not_found(client, name):
    assert client.get(reverse(f"briefings:{name}", args=["nowhere"])).status_code == 404


# Quotes


@pytest.fixture
def quotations(db):
    """Four public quotes by two speakers on two topics over two years, and one only a draft uses."""
    kallas = factories.ActorFactory(name="Kaja Kallas", slug="kaja-kallas")
    rutte = factories.ActorFactory(name="Mark Rutte", slug="mark-rutte")
    alliances = factories.TopicFactory(name="Alliances", slug="alliances")
    energy = factories.TopicFactory(name="Energy", slug="energy")
    on_alliances = factories.BriefingFactory()
    on_alliances.topics.add(alliances)
    on_energy = factories.BriefingFactory()
    on_energy.topics.add(energy)
    draft = factories.BriefingFactory(status=Briefing.Status.DRAFT, published_at=None)
    draft.topics.add(energy)

    def quote(text, speaker, verification, year, briefing):
        quote = factories.QuoteFactory(
            text=text,
            speaker=speaker,
            verification=verification,
            said_on=datetime.date(year, 5, 1),
            source=factories.SourceFactory(),
        )
        factories.BriefingQuoteFactory(briefing=briefing, quote=quote)
        return quote

    verified, reported = Quote.Verification.VERIFIED, Quote.Verification.REPORTED
    q1 = quote("We stand together.", kallas, verified, 2024, on_alliances)
    q2 = quote("Gas is a weapon.", kallas, reported, 2025, on_energy)
    q3 = quote("Deterrence works.", rutte, verified, 2025, on_alliances)
    q4 = quote("The alliance is ready.", rutte, reported, 2024, on_alliances)
    hidden = quote("Words only a draft uses.", rutte, Quote.Verification.DISPUTED, 2025, draft)
    return SimpleNamespace(
        kallas=kallas,
        rutte=rutte,
        alliances=alliances,
        energy=energy,
        q1=q1,
        q2=q2,
        q3=q3,
        q4=q4,
        hidden=hidden,
        all=[q1, q2, q3, q4],
    )


def test_the_quote_index_shows_public_quotes_with_their_speakers(client, quotations):
    response = client.get(reverse("briefings:quote_list"))

    content = page(response)
    assert set(response.context["quotes"]) == set(quotations.all)
    for quote in quotations.all:
        assert quote.text in content
        assert links_to(content, quote.get_absolute_url())
    assert links_to(content, quotations.kallas.get_absolute_url())
    assert quotations.hidden.text not in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"speaker": "kaja-kallas"}, {"q1", "q2"}),
        ({"topic": "alliances"}, {"q1", "q3", "q4"}),
        ({"topic": "energy"}, {"q2"}),
        ({"verification": "verified"}, {"q1", "q3"}),
        ({"year": "2025"}, {"q2", "q3"}),
        ({"speaker": "mark-rutte", "verification": "verified"}, {"q3"}),
        ({"topic": "alliances", "year": "2024"}, {"q1", "q4"}),
        ({"speaker": "kaja-kallas", "topic": "alliances", "verification": "reported"}, set()),
    ],
    ids=describe,
)
def test_quote_filters_narrow_the_list_and_combine(client, quotations, query, expected):
    response = client.get(reverse("briefings:quote_list"), query)

    content = page(response)
    wanted = {getattr(quotations, name) for name in expected}
    assert set(response.context["quotes"]) == wanted
    for quote in quotations.all:
        assert (quote.text in content) is (quote in wanted)
    assert quotations.hidden.text not in content


def test_the_quote_facets_count_public_quotes_and_follow_the_other_filters(client, quotations):
    response = client.get(reverse("briefings:quote_list"))

    content = page(response)
    assert facet(response, "speaker") == {"Kaja Kallas": 2, "Mark Rutte": 2}
    assert facet(response, "topic") == {"Alliances": 3, "Energy": 1}
    assert facet(response, "verification") == {"Verified": 2, "Reported": 2}
    assert facet(response, "year") == {2025: 2, 2024: 2}
    assert_count_beside(content, "Alliances", 3)

    response = client.get(reverse("briefings:quote_list"), {"speaker": "mark-rutte"})

    content = page(response)
    assert facet(response, "topic") == {"Alliances": 2}
    assert facet(response, "verification") == {"Verified": 1, "Reported": 1}
    assert facet(response, "year") == {2025: 1, 2024: 1}
    assert_count_beside(content, "Alliances", 2)


def test_the_quote_index_shows_twenty_five_a_page_and_its_pages_keep_the_filters(
    client, published_briefing
):
    speaker = factories.ActorFactory(name="Antonio Guterres", slug="antonio-guterres")
    for _ in range(30):
        factories.BriefingQuoteFactory(
            briefing=published_briefing, quote=factories.QuoteFactory(speaker=speaker)
        )
    factories.BriefingQuoteFactory(briefing=published_briefing)

    first = client.get(reverse("briefings:quote_list"), {"speaker": "antonio-guterres"})

    content = page(first)
    assert len(first.context["quotes"]) == 25
    next_pages = [
        parse_qs(urlsplit(href).query)
        for href in hrefs(content)
        if parse_qs(urlsplit(href).query).get("page") == ["2"]
    ]
    assert next_pages, "no link to page 2"
    assert all(query.get("speaker") == ["antonio-guterres"] for query in next_pages)

    second = client.get(reverse("briefings:quote_list"), {"speaker": "antonio-guterres", "page": 2})

    page(second)
    assert len(second.context["quotes"]) == 5
    assert {quote.speaker for quote in second.context["quotes"]} == {speaker}


def test_a_quote_page_shows_the_quote_speaker_office_date_source_and_verification(
    client, full_briefing
):
    quote = full_briefing.old_quote
    quote.occasion = "Press conference at the Vilnius summit"
    quote.context = "Answering a question on membership."
    quote.source_locator = "12:30"
    quote.save()

    response = client.get(quote.get_absolute_url())

    content = page(response)
    assert quote.text in content
    assert "then NATO Secretary General" in content
    assert links_to(content, quote.speaker.get_absolute_url())
    assert re.search(r"11 Jul(?:y)? 2023|2023-07-11", content)
    assert "Press conference at the Vilnius summit" in content
    assert "Answering a question on membership." in content
    assert links_to(content, quote.source.url)
    assert "12:30" in content
    assert "Verified" in content
    assert list(response.context["briefings"]) == [full_briefing.briefing]
    assert links_to(content, full_briefing.briefing.get_absolute_url())


def test_a_quote_page_lists_only_the_public_briefings_that_use_it(client, world, draft_briefing):
    factories.BriefingQuoteFactory(briefing=draft_briefing, quote=world.quote)

    content = page(client.get(world.quote.get_absolute_url()))

    assert world.briefing.title in content
    assert draft_briefing.title not in content


@pytest.mark.parametrize(
    "query",
    [{"speaker": "nobody"}, {"topic": "no-such-topic"}, {"verification": "rumoured"}],
    ids=["speaker", "topic", "verification"],
)
def test_an_unknown_quote_filter_value_shows_an_empty_state_not_an_error(client, quotations, query):
    response = client.get(reverse("briefings:quote_list"), query)

    content = page(response)
    assert list(response.context["quotes"]) == []
    for quote in quotations.all:
        assert quote.text not in content
    assert EMPTY_STATE.search(content)


def test_an_unknown_quote_is_not_found(client):
    assert client.get(reverse("briefings:quote_detail", args=[99999])).status_code == 404


# FAQ


def test_the_faq_index_groups_entries_by_topic_and_lists_general_entries(
    client, world, draft_briefing
):
    sanctions = factories.TopicFactory(name="Sanctions")
    on_sanctions = factories.FAQEntryFactory(briefing=None, question="Do sanctions work?")
    on_sanctions.topics.add(sanctions)
    hidden = factories.FAQEntryFactory(briefing=draft_briefing, question="A draft's question?")
    hidden.topics.add(world.topic)

    response = client.get(reverse("briefings:faq_list"))

    content = page(response)
    groups = dict(response.context["groups"])
    assert groups == {sanctions: [on_sanctions], world.topic: [world.entry]}
    assert response.context["general"] == [world.general]
    visible = body(content)
    assert visible.index("Sanctions") < visible.index("Do sanctions work?")
    assert visible.index("Security guarantees") < visible.index(world.entry.question)
    assert world.general.question in content
    assert links_to(content, world.entry.get_absolute_url())
    assert hidden.question not in content


def test_an_faq_page_shows_the_question_the_answer_and_its_briefing(client, world):
    world.entry.answer = "Yes, **mostly**."
    world.entry.save()

    content = page(client.get(world.entry.get_absolute_url()))

    assert world.entry.question in content
    assert "Yes, <strong>mostly</strong>." in content
    assert links_to(content, world.briefing.get_absolute_url())


def test_a_general_faq_page_shows_the_question_and_answer(client, world):
    content = page(client.get(world.general.get_absolute_url()))

    assert world.general.question in content
    assert world.general.answer_html in content


def test_an_unknown_faq_entry_is_not_found(client):
    assert client.get(reverse("briefings:faq_detail", args=[99999])).status_code == 404


# Search


def search(client, query):
    return client.get(reverse("briefings:search"), {"q": query})


def hits_of(response, kind):
    return [hit.object for hit in response.context["hits"] if hit.type == kind]


def test_search_finds_a_briefing_by_a_word_in_its_body(client, world):
    match = factories.BriefingFactory(
        title="Dams on the Dnipro", body="## Power\n\nThe hydroelectric plant was hit."
    )

    response = search(client, "hydroelectric")

    content = page(response)
    assert hits_of(response, "briefing") == [match]
    assert match.title in content
    assert links_to(content, match.get_absolute_url())
    assert world.briefing.title not in content


def test_search_finds_an_actor_by_an_alias(client, world):
    actor = factories.ActorFactory(name="Volodymyr Zelensky")
    factories.ActorAliasFactory(actor=actor, name="Zelenskyy")

    response = search(client, "zelenskyy")

    content = page(response)
    assert hits_of(response, "actor") == [actor]
    assert "Volodymyr Zelensky" in content
    assert links_to(content, actor.get_absolute_url())


def test_search_finds_a_quote_by_its_text(client, world):
    response = search(client, "really about")

    content = page(response)
    assert hits_of(response, "quote") == [world.quote]
    # Shown whole, with the words searched for highlighted.
    assert world.quote.text in re.sub(r"</?mark>", "", content)
    assert "<mark>really</mark>" in content
    assert links_to(content, world.quote.get_absolute_url())


def test_search_finds_an_faq_entry_by_its_question(client, world):
    response = search(client, "who writes")

    content = page(response)
    assert hits_of(response, "faq") == [world.general]
    assert world.general.question in content
    assert links_to(content, world.general.get_absolute_url())


def test_an_empty_search_shows_the_box_and_no_results_section(client, world):
    response = search(client, "  ")

    content = page(response)
    assert not response.context["results"]
    assert world.briefing.title not in content
    assert not EMPTY_STATE.search(content)
    assert elements(content, "input", name="q")


def test_a_search_that_finds_nothing_says_so(client, world):
    response = search(client, "xylophone")

    content = page(response)
    assert response.context["results"].count() == 0
    assert "xylophone" in content
    assert EMPTY_STATE.search(content)


# robots.txt and sitemap.xml


def test_robots_txt_names_the_absolute_sitemap_url(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {BASE_URL}/sitemap.xml" in response.content.decode()


def test_the_sitemap_lists_briefings_with_lastmod_and_actors_topics_and_places(client, world):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    urls = {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in ET.fromstring(response.content).iter(f"{SITEMAP}url")
    }
    briefing_url = BASE_URL + world.briefing.get_absolute_url()
    assert urls[briefing_url] == world.briefing.updated_at.date().isoformat()
    for obj in [world.actor, world.topic, world.place]:
        assert BASE_URL + obj.get_absolute_url() in urls


# Feeds


def feed_titles(response):
    root = ET.fromstring(response.content)
    if root.tag == f"{ATOM}feed":
        return {entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")}
    return {item.findtext("title") for item in root.iter("item")}


@pytest.fixture
def feed_world(db):
    topic = factories.TopicFactory(name="Sanctions", slug="sanctions")
    actor = factories.ActorFactory(name="Kaja Kallas", slug="kaja-kallas")
    author = factories.UserFactory(first_name="Anna", last_name="Kowalska")
    on_both = [factories.BriefingFactory(title=f"On sanctions and Kallas {n}") for n in range(2)]
    for briefing in on_both:
        briefing.topics.add(topic)
        briefing.authors.add(author)
        factories.BriefingActorFactory(briefing=briefing, actor=actor)
    other = factories.BriefingFactory(title="Something else entirely")
    draft = factories.BriefingFactory(
        title="A sanctions draft", status=Briefing.Status.DRAFT, published_at=None
    )
    draft.topics.add(topic)
    factories.BriefingActorFactory(briefing=draft, actor=actor)
    return SimpleNamespace(topic=topic, actor=actor, on_both=on_both, other=other, draft=draft)


FEEDS = {
    "all, Atom": ("briefings:feed", None),
    "all, RSS": ("briefings:feed_rss", None),
    "topic, Atom": ("briefings:topic_feed", "sanctions"),
    "topic, RSS": ("briefings:topic_feed_rss", "sanctions"),
    "actor, Atom": ("briefings:actor_feed", "kaja-kallas"),
    "actor, RSS": ("briefings:actor_feed_rss", "kaja-kallas"),
}


@pytest.mark.parametrize("name", FEEDS)
def test_each_feed_is_valid_xml_listing_the_public_briefings(client, feed_world, name):
    url_name, slug = FEEDS[name]

    response = client.get(reverse(url_name, args=[slug] if slug else []))

    assert response.status_code == 200
    expected = titles(feed_world.on_both)
    if slug is None:
        expected.add(feed_world.other.title)
    assert feed_titles(response) == expected
    kind = "atom" if "Atom" in name else "rss"
    assert response["Content-Type"].startswith(f"application/{kind}+xml")


def test_the_atom_feed_gives_each_entry_its_link_author_and_topics(client, feed_world):
    response = client.get(reverse("briefings:topic_feed", args=["sanctions"]))

    root = ET.fromstring(response.content)
    entry = next(
        entry
        for entry in root.iter(f"{ATOM}entry")
        if entry.findtext(f"{ATOM}title") == feed_world.on_both[0].title
    )
    link = entry.find(f"{ATOM}link").get("href")
    assert link == BASE_URL + feed_world.on_both[0].get_absolute_url()
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Anna Kowalska"
    assert [category.get("term") for category in entry.iter(f"{ATOM}category")] == ["Sanctions"]


@pytest.mark.parametrize(
    "url_name",
    [
        "briefings:topic_feed",
        "briefings:topic_feed_rss",
        "briefings:actor_feed",
        "briefings:actor_feed_rss",
    ],
)
def test_a_feed_for_an_unknown_topic_or_actor_is_not_found(client, feed_world, url_name):
    assert client.get(reverse(url_name, args=["no-such-slug"])).status_code == 404


# Error pages


def test_the_404_page_is_in_the_sites_design(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    content = response.content.decode()
    assert settings.BRIEFINGS_SITE_NAME in content
    assert links_to(content, "/")


def test_the_404_page_is_not_indexed_and_claims_no_canonical_address(client):
    content = client.get("/no-such-page/").content.decode()

    assert 'rel="canonical"' not in content
    assert "og:url" not in content
    assert '<meta name="robots" content="noindex">' in content


def test_an_unknown_briefing_gets_the_sites_404_page(client):
    response = client.get(reverse("briefings:briefing_detail", args=["gone"]))

    assert response.status_code == 404
    assert settings.BRIEFINGS_SITE_NAME in response.content.decode()


def test_the_500_page_renders_without_a_request_or_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        content = render_to_string("500.html")

    assert settings.BRIEFINGS_SITE_NAME in content
    assert links_to(content, "/")


def test_a_failing_view_answers_with_the_sites_500_page(world):
    client = Client(raise_request_exception=False)

    with mock.patch.object(
        views.HomeView, "get_context_data", side_effect=RuntimeError("database on fire")
    ):
        response = client.get(reverse("briefings:home"))

    assert response.status_code == 500
    content = response.content.decode()
    assert settings.BRIEFINGS_SITE_NAME in content
    assert links_to(content, "/")
    assert "database on fire" not in content


# Conditional requests


@pytest.mark.parametrize("name", DETAIL_PAGES)
def test_a_detail_page_sends_an_etag_and_last_modified(client, world, name):
    obj = DETAIL_PAGES[name](world)

    response = client.get(obj.get_absolute_url())

    assert response.status_code == 200
    assert response.has_header("ETag")
    assert parsedate_to_datetime(response["Last-Modified"]) >= obj.updated_at.replace(microsecond=0)


@pytest.mark.parametrize("name", DETAIL_PAGES)
def test_a_repeat_request_with_the_etag_gets_304(client, world, name):
    url = DETAIL_PAGES[name](world).get_absolute_url()
    etag = client.get(url)["ETag"]

    response = client.get(url, headers={"if-none-match": etag})

    assert response.status_code == 304
    assert response.content == b""


@pytest.mark.parametrize("name", DETAIL_PAGES)
def test_a_repeat_request_since_the_last_modification_gets_304(client, world, name):
    url = DETAIL_PAGES[name](world).get_absolute_url()
    last_modified = client.get(url)["Last-Modified"]

    response = client.get(url, headers={"if-modified-since": last_modified})

    assert response.status_code == 304


def test_editing_a_quote_a_briefing_uses_moves_the_briefings_last_modified_and_etag(client, world):
    long_ago = timezone.now() - datetime.timedelta(days=400)
    for model in [Briefing, Quote, FAQEntry, Actor, Topic, Place]:
        model.objects.update(updated_at=long_ago)
    url = world.briefing.get_absolute_url()
    before = client.get(url)

    world.quote.text = "Today was really about security guarantees, and about troops."
    world.quote.save()
    after = client.get(url)

    assert parsedate_to_datetime(after["Last-Modified"]) > parsedate_to_datetime(
        before["Last-Modified"]
    )
    assert after["ETag"] != before["ETag"]
    assert client.get(url, headers={"if-none-match": before["ETag"]}).status_code == 200
    assert (
        client.get(url, headers={"if-modified-since": before["Last-Modified"]}).status_code == 200
    )


# JSON-LD


@pytest.mark.parametrize("name", PAGES)
def test_every_json_ld_block_parses_as_json(client, world, name):
    content = page(client.get(PAGES[name](world)))

    for item in structured_data(content):
        assert item["@type"]


@pytest.mark.parametrize(
    ("kind", "article_type"),
    [
        (Briefing.Kind.ANALYSIS, "AnalysisNewsArticle"),
        (Briefing.Kind.BACKGROUND, "BackgroundNewsArticle"),
    ],
)
def test_a_briefings_news_article_matches_its_type_title_and_actors(
    client, full_briefing, kind, article_type
):
    briefing = full_briefing.briefing
    briefing.kind = kind
    briefing.save()

    content = page(client.get(briefing.get_absolute_url()))

    [article] = items_of_type(content, article_type)
    assert article["headline"] == briefing.title
    assert {mention["name"] for mention in article["mentions"]} == {
        "Jens Stoltenberg",
        "Kaja Kallas",
    }
    assert {author["name"] for author in article["author"]} == {"Anna Kowalska", "Jonas Berg"}
    assert article["datePublished"].startswith(briefing.published_at.date().isoformat())


def test_a_briefings_faq_page_lists_its_questions(client, full_briefing):
    content = page(client.get(full_briefing.briefing.get_absolute_url()))

    [faq] = items_of_type(content, "FAQPage")
    assert [question["name"] for question in faq["mainEntity"]] == [
        entry.question for entry in full_briefing.entries
    ]


def test_a_quote_page_describes_a_quotation_by_its_speaker(client, world):
    content = page(client.get(world.quote.get_absolute_url()))

    [quotation] = items_of_type(content, "Quotation")
    assert quotation["text"] == world.quote.text
    assert quotation["creator"]["name"] == "Mark Rutte"
    assert quotation["creator"]["@type"] == "Person"
    assert quotation["creator"]["url"] == BASE_URL + world.actor.get_absolute_url()


@pytest.mark.parametrize(
    ("kind", "schema_type"),
    [(Actor.Kind.PERSON, "Person"), (Actor.Kind.IGO, "Organization")],
)
def test_an_actor_page_describes_a_person_or_an_organization(client, kind, schema_type):
    actor = factories.ActorFactory(name="Some actor", kind=kind)

    content = page(client.get(actor.get_absolute_url()))

    [item] = items_of_type(content, schema_type)
    assert item["name"] == "Some actor"


# Metadata


@pytest.mark.parametrize("name", PAGES)
def test_every_page_has_a_title_description_canonical_url_and_social_cards(client, world, name):
    url = PAGES[name](world)

    content = page(client.get(url))

    assert title_of(content)
    [description] = elements(content, "meta", name="description")
    assert description["content"].strip()
    [canonical] = elements(content, "link", rel="canonical")
    assert canonical["href"] == BASE_URL + urlsplit(url).path
    [og_title] = elements(content, "meta", property="og:title")
    assert og_title["content"].strip()
    assert elements(content, "meta", name="twitter:card")


@pytest.mark.parametrize("name", DETAIL_PAGES)
def test_a_detail_pages_title_names_what_it_shows(client, world, name):
    obj = DETAIL_PAGES[name](world)
    # A quote's page is named after whoever said it; the others after themselves.
    label = obj.speaker.name if isinstance(obj, Quote) else str(obj)

    content = page(client.get(obj.get_absolute_url()))

    assert label in title_of(content)
    [og_title] = elements(content, "meta", property="og:title")
    assert label in og_title["content"]


# The demo note


def test_every_page_says_the_content_is_illustrative_when_briefings_demo_is_on(
    client, settings, world
):
    settings.BRIEFINGS_DEMO = True

    for name in ["home", "briefing", "actor"]:
        content = page(client.get(PAGES[name](world)))
        assert re.search("illustrative|sample content", content, re.IGNORECASE)


def test_no_page_mentions_demo_content_when_briefings_demo_is_off(client, settings, world):
    settings.BRIEFINGS_DEMO = False

    for name in ["home", "briefing", "actor"]:
        content = page(client.get(PAGES[name](world)))
        assert not re.search("illustrative|sample content", content, re.IGNORECASE)
