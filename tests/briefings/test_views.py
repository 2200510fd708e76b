"""Reader pages: what they show, that drafts never reach them, and what each costs in queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from briefings.models import Briefing, Quote
from tests import factories

pytestmark = pytest.mark.django_db

# Queries per page, the same whether the page lists 2 items or 10.
HOME_QUERIES = 4  # count, briefings, their topics, their places
# briefing, topics, places, corrections, FAQ entries, quote links, quotes with speaker, office
# and source, the speakers' tenures
BRIEFING_QUERIES = 8
# actor with country, aliases, tenures, offices, quotes, their speakers' tenures, briefings,
# their topics
ACTOR_QUERIES = 8
TOPIC_QUERIES = 3  # topic, briefings, their topics
PLACE_QUERIES = 3  # place, briefings, their topics
QUOTE_QUERIES = 4  # quote with speaker, office and source, speaker's tenures, briefings, topics
FAQ_QUERIES = 1  # entry with its briefing


def days_from_now(days):
    return timezone.now() + datetime.timedelta(days=days)


@pytest.fixture
def hidden_briefings():
    """One briefing in every state that is not public, each with a title that must never show."""
    return [
        factories.BriefingFactory(
            title="Hidden draft", status=Briefing.Status.DRAFT, published_at=None
        ),
        factories.BriefingFactory(
            title="Hidden in review", status=Briefing.Status.IN_REVIEW, published_at=None
        ),
        factories.BriefingFactory(
            title="Hidden archived",
            status=Briefing.Status.ARCHIVED,
            published_at=days_from_now(-30),
        ),
        factories.BriefingFactory(title="Hidden scheduled", published_at=days_from_now(3)),
    ]


@pytest.fixture
def public_objects(published_briefing):
    """A public briefing with one of everything hanging off it."""
    topic = factories.TopicFactory(name="Security guarantees")
    place = factories.PlaceFactory(name="Ukraine")
    published_briefing.topics.add(topic)
    published_briefing.places.add(place)
    actor = factories.ActorFactory(name="Mark Rutte")
    factories.BriefingActorFactory(briefing=published_briefing, actor=actor)
    quote = factories.QuoteFactory(speaker=actor)
    factories.BriefingQuoteFactory(briefing=published_briefing, quote=quote)
    faq_entry = factories.FAQEntryFactory(briefing=published_briefing)
    return {
        "briefing": published_briefing,
        "actor": actor,
        "topic": topic,
        "place": place,
        "quote": quote,
        "faq entry": faq_entry,
        "general faq entry": factories.FAQEntryFactory(briefing=None),
    }


# Home


def test_home_lists_published_briefings_and_not_drafts_in_review_archived_or_scheduled_ones(
    client, published_briefing, hidden_briefings
):
    response = client.get(reverse("briefings:home"))

    assert response.status_code == 200
    assert list(response.context["briefings"]) == [published_briefing]
    content = response.content.decode()
    assert published_briefing.title in content
    assert published_briefing.get_absolute_url() in content
    for briefing in hidden_briefings:
        assert briefing.title not in content


def test_home_shows_each_briefings_type_date_standfirst_and_topics(client, published_briefing):
    published_briefing.topics.add(factories.TopicFactory(name="Arms control"))

    content = client.get(reverse("briefings:home")).content.decode()

    assert "Analysis" in content
    assert f'<time datetime="{published_briefing.published_at.isoformat()}">' in content
    assert published_briefing.standfirst in content
    assert "Arms control" in content


def test_home_says_so_when_no_briefing_is_published_yet(client, draft_briefing):
    content = client.get(reverse("briefings:home")).content.decode()

    assert "No briefings have been published yet." in content


def test_home_shows_twenty_briefings_a_page_and_links_to_the_next(client):
    factories.BriefingFactory.create_batch(21)

    first = client.get(reverse("briefings:home"))
    second = client.get(reverse("briefings:home"), {"page": 2})

    assert len(first.context["briefings"]) == 20
    assert 'href="?page=2" rel="next"' in first.content.decode()
    assert len(second.context["briefings"]) == 1


# Detail pages: public objects answer, hidden ones do not


@pytest.mark.parametrize(
    "name", ["briefing", "actor", "topic", "place", "quote", "faq entry", "general faq entry"]
)
def test_each_detail_page_answers_for_a_public_object(client, public_objects, name):
    response = client.get(public_objects[name].get_absolute_url())

    assert response.status_code == 200


@pytest.mark.parametrize(
    "status", [Briefing.Status.DRAFT, Briefing.Status.IN_REVIEW, Briefing.Status.ARCHIVED]
)
def test_a_briefing_that_is_not_published_is_not_found(client, status):
    briefing = factories.BriefingFactory(status=status, published_at=days_from_now(-1))

    assert client.get(briefing.get_absolute_url()).status_code == 404


def test_a_scheduled_briefing_is_not_found_before_its_time(client):
    briefing = factories.BriefingFactory(published_at=days_from_now(1))

    assert client.get(briefing.get_absolute_url()).status_code == 404


def test_a_quote_used_only_by_a_draft_is_not_found(client, draft_briefing):
    quote = factories.BriefingQuoteFactory(briefing=draft_briefing).quote

    assert client.get(quote.get_absolute_url()).status_code == 404


def test_a_quote_used_by_a_draft_and_a_public_briefing_lists_only_the_public_one(
    client, draft_briefing, published_briefing
):
    quote = factories.BriefingQuoteFactory(briefing=draft_briefing).quote
    factories.BriefingQuoteFactory(briefing=published_briefing, quote=quote)

    content = client.get(quote.get_absolute_url()).content.decode()

    assert published_briefing.title in content
    assert draft_briefing.title not in content


def test_an_faq_entry_on_a_draft_is_not_found(client, draft_briefing):
    entry = factories.FAQEntryFactory(briefing=draft_briefing)

    assert client.get(entry.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("name", ["actor", "topic", "place"])
def test_a_drafts_title_never_appears_on_a_page_it_is_linked_to(client, draft_briefing, name):
    actor = factories.ActorFactory()
    topic = factories.TopicFactory()
    place = factories.PlaceFactory()
    factories.BriefingActorFactory(briefing=draft_briefing, actor=actor)
    draft_briefing.topics.add(topic)
    draft_briefing.places.add(place)
    quote = factories.QuoteFactory(speaker=actor, text="Words only the draft uses.")
    factories.BriefingQuoteFactory(briefing=draft_briefing, quote=quote)
    page = {"actor": actor, "topic": topic, "place": place}[name]

    response = client.get(page.get_absolute_url())

    assert response.status_code == 200
    content = response.content.decode()
    assert draft_briefing.title not in content
    assert quote.text not in content


def test_a_drafts_title_never_appears_on_the_home_page_even_when_featured(client):
    draft = factories.BriefingFactory(
        title="A featured draft", status=Briefing.Status.DRAFT, published_at=None, featured=True
    )

    assert draft.title not in client.get(reverse("briefings:home")).content.decode()


# What the pages show


def test_a_briefing_page_shows_its_body_quotes_in_order_faq_topics_places_and_corrections(
    client, published_briefing
):
    published_briefing.information_as_of = datetime.date(2025, 8, 20)
    published_briefing.save()
    topic = factories.TopicFactory(name="Alliances")
    place = factories.PlaceFactory(name="Europe")
    published_briefing.topics.add(topic)
    published_briefing.places.add(place)
    tenure = factories.TenureFactory(
        actor=factories.ActorFactory(name="Mark Rutte"),
        office=factories.OfficeFactory(title="NATO Secretary General"),
        started_on=datetime.date(2024, 10, 1),
    )
    second = factories.QuoteFactory(
        text="Second in order.", verification=Quote.Verification.DISPUTED
    )
    first = factories.QuoteFactory(
        text="Today was really about security guarantees.",
        speaker=tenure.actor,
        tenure=tenure,
        source=factories.SourceFactory(url="https://www.nato.int/statement"),
        verification=Quote.Verification.VERIFIED,
    )
    factories.BriefingQuoteFactory(briefing=published_briefing, quote=second, order=2)
    factories.BriefingQuoteFactory(briefing=published_briefing, quote=first, order=1)
    factories.FAQEntryFactory(
        briefing=published_briefing,
        question="What are bilateral security guarantees?",
        answer="Promises made **outside** a treaty.",
    )
    correction = factories.CorrectionFactory(briefing=published_briefing)

    content = client.get(published_briefing.get_absolute_url()).content.decode()

    assert '<h2 id="first-section">First section</h2>' in content
    assert "Information as of" in content and "20 Aug 2025" in content
    assert content.index(first.text) < content.index(second.text)
    assert "<blockquote" in content
    assert "Mark Rutte, NATO Secretary General" in content
    assert "24 Feb 2025" in content
    assert 'class="badge badge--verified"' in content
    assert 'class="badge badge--disputed"' in content
    assert 'href="https://www.nato.int/statement"' in content
    assert "What are bilateral security guarantees?" in content
    assert "Promises made <strong>outside</strong> a treaty." in content
    assert f'id="correction-{correction.pk}"' in content
    assert correction.text in content
    assert topic.get_absolute_url() in content
    assert place.get_absolute_url() in content


def test_external_links_in_a_briefing_body_carry_rel_nofollow_noopener(client):
    briefing = factories.BriefingFactory(
        body="Read [the treaty](https://www.nato.int/treaty) and [our topic page](/topics/x/)."
    )

    content = client.get(briefing.get_absolute_url()).content.decode()

    assert '<a href="https://www.nato.int/treaty" rel="nofollow noopener">' in content
    assert '<a href="/topics/x/">' in content


def test_markup_typed_into_a_briefing_is_shown_as_text_not_run(client):
    briefing = factories.BriefingFactory(
        title="<script>alert(1)</script>", body="<script>alert(2)</script>"
    )

    content = client.get(briefing.get_absolute_url()).content.decode()

    assert "<script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_an_actor_page_shows_aliases_offices_over_time_profile_quotes_and_briefings(
    client, published_briefing
):
    actor = factories.ActorFactory(name="Mark Rutte", bio="Prime Minister, then **NATO** chief.")
    factories.ActorAliasFactory(actor=actor, name="Rutte")
    factories.TenureFactory(
        actor=actor,
        office=factories.OfficeFactory(title="Prime Minister of the Netherlands"),
        started_on=datetime.date(2010, 10, 14),
        ended_on=datetime.date(2024, 7, 2),
    )
    factories.BriefingActorFactory(briefing=published_briefing, actor=actor)
    quote = factories.QuoteFactory(speaker=actor)
    factories.BriefingQuoteFactory(briefing=published_briefing, quote=quote)

    content = client.get(actor.get_absolute_url()).content.decode()

    assert "Also known as" in content and "Rutte" in content
    assert "Prime Minister of the Netherlands" in content and "2010–2024" in content
    assert "<strong>NATO</strong> chief" in content
    assert quote.text in content
    assert published_briefing.title in content


def test_a_topic_page_shows_its_description_and_its_briefings(client, published_briefing):
    topic = factories.TopicFactory(description="Promises to **defend** one another.")
    published_briefing.topics.add(topic)

    content = client.get(topic.get_absolute_url()).content.decode()

    assert "Promises to <strong>defend</strong> one another." in content
    assert published_briefing.title in content


def test_a_place_page_says_so_when_no_briefing_covers_it(client):
    place = factories.PlaceFactory()

    content = client.get(place.get_absolute_url()).content.decode()

    assert "No published briefings on this place yet." in content


def test_a_quote_page_shows_date_occasion_context_source_locator_and_verification(
    client, published_briefing
):
    quote = factories.QuoteFactory(
        occasion="Press conference at the White House",
        context="Answering a question on guarantees.",
        source=factories.SourceFactory(title="Transcript of the press conference"),
        source_locator="12:30",
        verification=Quote.Verification.VERIFIED,
    )
    factories.BriefingQuoteFactory(briefing=published_briefing, quote=quote)

    content = client.get(quote.get_absolute_url()).content.decode()

    assert f'<blockquote lang="en"><p>{quote.text}</p></blockquote>' in content
    assert '<time datetime="2025-02-24">24 Feb 2025</time>' in content
    assert "Press conference at the White House" in content
    assert "Answering a question on guarantees." in content
    assert "Transcript of the press conference" in content and "at 12:30" in content
    assert 'class="badge badge--verified"' in content
    assert published_briefing.title in content


def test_an_faq_entry_page_links_to_its_briefing(client, published_briefing):
    entry = factories.FAQEntryFactory(briefing=published_briefing, answer="Yes, **mostly**.")

    content = client.get(entry.get_absolute_url()).content.decode()

    assert entry.question in content
    assert "Yes, <strong>mostly</strong>." in content
    assert published_briefing.get_absolute_url() in content


# The demo banner


def test_every_page_shows_the_demo_banner_when_briefings_demo_is_true(
    client, settings, public_objects
):
    settings.BRIEFINGS_DEMO = True

    for url in [reverse("briefings:home"), public_objects["briefing"].get_absolute_url()]:
        content = client.get(url).content.decode()
        assert 'role="note"' in content
        assert "illustrative sample content written for this software" in content


def test_no_page_shows_the_demo_banner_when_briefings_demo_is_false(
    client, settings, public_objects
):
    settings.BRIEFINGS_DEMO = False

    for url in [reverse("briefings:home"), public_objects["briefing"].get_absolute_url()]:
        content = client.get(url).content.decode()
        assert "Demo site" not in content
        assert "illustrative sample content" not in content


# Query counts: pinned, and the same for 2 items as for 10


@pytest.mark.parametrize("count", [2, 10])
def test_the_home_page_costs_the_same_queries_for_few_briefings_as_for_many(
    client, django_assert_num_queries, count
):
    for _ in range(count):
        briefing = factories.BriefingFactory()
        briefing.topics.add(factories.TopicFactory(), factories.TopicFactory())
        briefing.places.add(factories.PlaceFactory())

    with django_assert_num_queries(HOME_QUERIES):
        response = client.get(reverse("briefings:home"))

    assert len(response.context["briefings"]) == count


@pytest.mark.parametrize("count", [2, 10])
def test_a_briefing_page_costs_the_same_queries_for_few_quotes_and_entries_as_for_many(
    client, django_assert_num_queries, published_briefing, count
):
    for order in range(count):
        tenure = factories.TenureFactory()
        quote = factories.QuoteFactory(
            speaker=tenure.actor,
            tenure=tenure,
            source=factories.SourceFactory(),
            verification=Quote.Verification.VERIFIED,
        )
        factories.BriefingQuoteFactory(briefing=published_briefing, quote=quote, order=order)
        factories.FAQEntryFactory(briefing=published_briefing, order=order)
        factories.CorrectionFactory(briefing=published_briefing)
        published_briefing.topics.add(factories.TopicFactory())
        published_briefing.places.add(factories.PlaceFactory())

    with django_assert_num_queries(BRIEFING_QUERIES):
        response = client.get(published_briefing.get_absolute_url())

    assert response.content.decode().count("<blockquote") == count


@pytest.mark.parametrize("count", [2, 10])
def test_an_actor_page_costs_the_same_queries_for_few_offices_quotes_and_briefings_as_for_many(
    client, django_assert_num_queries, count
):
    actor = factories.ActorFactory(country=factories.PlaceFactory(kind="country"))
    for year in range(2000, 2000 + count):
        factories.ActorAliasFactory(actor=actor)
        tenure = factories.TenureFactory(
            actor=actor,
            started_on=datetime.date(year, 1, 1),
            ended_on=datetime.date(year, 12, 31),
        )
        briefing = factories.BriefingFactory()
        briefing.topics.add(factories.TopicFactory())
        factories.BriefingActorFactory(briefing=briefing, actor=actor)
        quote = factories.QuoteFactory(
            speaker=actor,
            tenure=tenure,
            said_on=datetime.date(year, 6, 1),
            source=factories.SourceFactory(),
        )
        factories.BriefingQuoteFactory(briefing=briefing, quote=quote)

    with django_assert_num_queries(ACTOR_QUERIES):
        response = client.get(actor.get_absolute_url())

    assert len(response.context["briefings"]) == count
    assert len(response.context["quotes"]) == count


@pytest.mark.parametrize("count", [2, 10])
def test_a_topic_page_costs_the_same_queries_for_few_briefings_as_for_many(
    client, django_assert_num_queries, count
):
    topic = factories.TopicFactory()
    for _ in range(count):
        factories.BriefingFactory().topics.add(topic, factories.TopicFactory())

    with django_assert_num_queries(TOPIC_QUERIES):
        response = client.get(topic.get_absolute_url())

    assert len(response.context["briefings"]) == count


@pytest.mark.parametrize("count", [2, 10])
def test_a_place_page_costs_the_same_queries_for_few_briefings_as_for_many(
    client, django_assert_num_queries, count
):
    place = factories.PlaceFactory()
    for _ in range(count):
        briefing = factories.BriefingFactory()
        briefing.places.add(place)
        briefing.topics.add(factories.TopicFactory())

    with django_assert_num_queries(PLACE_QUERIES):
        response = client.get(place.get_absolute_url())

    assert len(response.context["briefings"]) == count


@pytest.mark.parametrize("count", [2, 10])
def test_a_quote_page_costs_the_same_queries_for_few_briefings_as_for_many(
    client, django_assert_num_queries, count
):
    tenure = factories.TenureFactory()
    quote = factories.QuoteFactory(
        speaker=tenure.actor, tenure=tenure, source=factories.SourceFactory()
    )
    for _ in range(count):
        briefing = factories.BriefingFactory()
        briefing.topics.add(factories.TopicFactory())
        factories.BriefingQuoteFactory(briefing=briefing, quote=quote)

    with django_assert_num_queries(QUOTE_QUERIES):
        response = client.get(quote.get_absolute_url())

    assert len(response.context["briefings"]) == count


@pytest.mark.parametrize("count", [2, 10])
def test_an_faq_entry_page_costs_the_same_queries_however_many_entries_its_briefing_has(
    client, django_assert_num_queries, published_briefing, count
):
    entries = factories.FAQEntryFactory.create_batch(count, briefing=published_briefing)
    for entry in entries:
        entry.topics.add(factories.TopicFactory())

    with django_assert_num_queries(FAQ_QUERIES):
        response = client.get(entries[0].get_absolute_url())

    assert response.status_code == 200
