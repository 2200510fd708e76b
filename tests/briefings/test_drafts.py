"""The draft matrix: a briefing that is not public shows on no public surface, whoever asks."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from briefings.models import Briefing, BriefingActor, Place
from tests import factories

pytestmark = pytest.mark.django_db

BASE_URL = "http://testserver"
HIDDEN_TITLE = "Kestrel memorandum on the Sahel withdrawal"
HIDDEN_QUOTE = "Nobody outside this room may read these words."
HIDDEN_QUESTION = "Why is the Kestrel memorandum kept back?"
DRAFT_PREVIEW = re.compile("draft preview", re.IGNORECASE)

# Every way a briefing can be not public, with the fields that make it so.
STATES = {
    "draft": lambda: {"status": Briefing.Status.DRAFT, "published_at": None},
    "in review": lambda: {"status": Briefing.Status.IN_REVIEW, "published_at": None},
    "scheduled": lambda: {
        "status": Briefing.Status.PUBLISHED,
        "published_at": timezone.now() + datetime.timedelta(days=3),
    },
    "archived": lambda: {
        "status": Briefing.Status.ARCHIVED,
        "published_at": timezone.now() - datetime.timedelta(days=30),
    },
}
VIEWERS = ["anonymous", "staff"]


@pytest.fixture
def reader(client, viewer, request):
    """The test client, logged in as an editor when the viewer is staff."""
    if viewer == "staff":
        client.force_login(request.getfixturevalue("editor"))
    return client


@pytest.fixture
def site(state):
    """A public briefing, and a non-public one (`state`) sharing its topic, place and actor.

    The hidden briefing is featured and related to the public one, and has a quote and an FAQ
    entry of its own: every road by which it could leak is open.
    """
    topic = factories.TopicFactory(name="Sahel", slug="sahel")
    place = factories.PlaceFactory(name="Mali", slug="mali", kind=Place.Kind.COUNTRY)
    actor = factories.ActorFactory(name="Assimi Goita", slug="assimi-goita")
    public = factories.BriefingFactory(
        title="The Sahel after the juntas",
        body="## Kestrel\n\nOperation Kestrel ended in 2022.",
    )
    hidden = factories.BriefingFactory(
        title=HIDDEN_TITLE,
        standfirst="What the kestrel plan would change.",
        body="## Kestrel\n\nThe kestrel plan, in full.",
        featured=True,
        **STATES[state](),
    )
    for briefing in [public, hidden]:
        briefing.topics.add(topic)
        briefing.places.add(place)
        factories.BriefingActorFactory(
            briefing=briefing, actor=actor, role=BriefingActor.Role.SUBJECT
        )
    public.related.add(hidden)
    public_quote = factories.QuoteFactory(speaker=actor, text="The transition will take time.")
    factories.BriefingQuoteFactory(briefing=public, quote=public_quote)
    hidden_quote = factories.QuoteFactory(speaker=actor, text=HIDDEN_QUOTE)
    factories.BriefingQuoteFactory(briefing=hidden, quote=hidden_quote)
    public_entry = factories.FAQEntryFactory(briefing=public, question="Who governs Mali?")
    hidden_entry = factories.FAQEntryFactory(briefing=hidden, question=HIDDEN_QUESTION)
    for entry in [public_entry, hidden_entry]:
        entry.topics.add(topic)
    return SimpleNamespace(
        topic=topic,
        place=place,
        actor=actor,
        public=public,
        hidden=hidden,
        public_quote=public_quote,
        hidden_quote=hidden_quote,
        public_entry=public_entry,
        hidden_entry=hidden_entry,
    )


def traces(site):
    """Everything that would give the hidden briefing away."""
    return [
        HIDDEN_TITLE,
        HIDDEN_QUOTE,
        HIDDEN_QUESTION,
        site.hidden.get_absolute_url(),
        site.hidden_quote.get_absolute_url(),
        site.hidden_entry.get_absolute_url(),
    ]


def feed(name, slug=None):
    return lambda site: reverse(f"briefings:{name}", args=[slug] if slug else [])


# Each public surface: its URL, and what public content it must show (proof that it works).
SURFACES = {
    "home": (lambda site: reverse("briefings:home"), lambda site: site.public.title),
    "briefing list": (
        lambda site: reverse("briefings:briefing_list"),
        lambda site: site.public.title,
    ),
    "briefing list filtered by its topic": (
        lambda site: reverse("briefings:briefing_list") + "?topic=sahel",
        lambda site: site.public.title,
    ),
    "public briefing it is related to": (
        lambda site: site.public.get_absolute_url(),
        lambda site: site.public.title,
    ),
    "topic page": (lambda site: site.topic.get_absolute_url(), lambda site: site.public.title),
    "place page": (lambda site: site.place.get_absolute_url(), lambda site: site.public.title),
    "actor page": (lambda site: site.actor.get_absolute_url(), lambda site: site.public.title),
    "quote list": (
        lambda site: reverse("briefings:quote_list"),
        lambda site: site.public_quote.text,
    ),
    "FAQ list": (
        lambda site: reverse("briefings:faq_list"),
        lambda site: site.public_entry.question,
    ),
    "search results": (
        lambda site: reverse("briefings:search") + "?q=kestrel",
        lambda site: site.public.title,
    ),
    "feed": (feed("feed"), lambda site: site.public.title),
    "feed (RSS)": (feed("feed_rss"), lambda site: site.public.title),
    "topic feed": (feed("topic_feed", "sahel"), lambda site: site.public.title),
    "topic feed (RSS)": (feed("topic_feed_rss", "sahel"), lambda site: site.public.title),
    "actor feed": (feed("actor_feed", "assimi-goita"), lambda site: site.public.title),
    "actor feed (RSS)": (feed("actor_feed_rss", "assimi-goita"), lambda site: site.public.title),
    "sitemap": (
        lambda site: reverse("sitemap"),
        lambda site: BASE_URL + site.public.get_absolute_url(),
    ),
}


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("state", STATES)
def test_a_briefing_that_is_not_public_shows_on_no_public_surface(reader, site, surface):
    url, public_content = SURFACES[surface]

    response = reader.get(url(site))

    assert response.status_code == 200
    content = response.content.decode()
    assert public_content(site) in content
    for trace in traces(site):
        assert trace not in content


@pytest.mark.parametrize("page", ["quote", "FAQ entry"])
@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("state", STATES)
def test_the_quote_and_faq_entry_only_a_non_public_briefing_has_are_not_found(reader, site, page):
    obj = site.hidden_quote if page == "quote" else site.hidden_entry

    response = reader.get(obj.get_absolute_url())

    assert response.status_code == 404
    content = response.content.decode()
    for text in [HIDDEN_TITLE, HIDDEN_QUOTE, HIDDEN_QUESTION]:
        assert text not in content


@pytest.mark.parametrize("state", STATES)
def test_anonymous_readers_get_a_404_for_a_briefing_that_is_not_public(client, site):
    response = client.get(site.hidden.get_absolute_url())

    assert response.status_code == 404
    content = response.content.decode()
    assert HIDDEN_TITLE not in content
    assert HIDDEN_QUOTE not in content


@pytest.mark.parametrize("state", STATES)
def test_staff_see_a_briefing_that_is_not_public_as_a_preview_kept_out_of_caches_and_indexes(
    client, editor, site
):
    client.force_login(editor)

    response = client.get(site.hidden.get_absolute_url())

    assert response.status_code == 200
    content = response.content.decode()
    assert HIDDEN_TITLE in content
    assert HIDDEN_QUOTE in content
    assert HIDDEN_QUESTION in content
    assert DRAFT_PREVIEW.search(content)
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


@pytest.mark.parametrize("viewer", VIEWERS)
def test_a_public_briefing_page_is_no_preview_and_may_be_indexed(reader, published_briefing):
    response = reader.get(published_briefing.get_absolute_url())

    assert response.status_code == 200
    content = response.content.decode()
    assert published_briefing.title in content
    assert not DRAFT_PREVIEW.search(content)
    assert not response.has_header("X-Robots-Tag")
    assert "no-store" not in response.get("Cache-Control", "")
