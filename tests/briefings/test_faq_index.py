"""The FAQ index (each topic's newest questions) and its full lists by topic, place and none."""

import datetime
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from briefings.models import Briefing, FAQEntry
from reader.views import FAQ_PER_PAGE, FAQ_PREVIEW
from tests import factories
from tests.briefings.test_latest_lists import (
    AGES,
    assert_in_order,
    filtered,
    link_named,
    links,
    questions_asked,
)
from tests.briefings.test_views import elements, page

pytestmark = pytest.mark.django_db


def robots(content):
    return [meta.get("content") for meta in elements(content, "meta", name="robots")]


def ask(count, *, topic=None, briefing=None, label):
    """`count` entries, asked 1, 2, … days ago but created in another order; newest first."""
    ages = sorted(AGES[:count])
    entries = []
    for age in AGES[:count]:
        entry = factories.FAQEntryFactory(
            briefing=briefing, question=f"{label}: question asked {age:02d} days ago?"
        )
        if topic:
            entry.topics.add(topic)
        entry.age = age
        entries.append(entry)
    questions_asked(entries)
    by_age = {entry.age: entry for entry in entries}
    return [by_age[age] for age in ages]


def questions(entries):
    return [entry.question for entry in entries]


@pytest.fixture
def scheduled_briefing(db):
    return factories.BriefingFactory(
        title="Scheduled for tomorrow", published_at=timezone.now() + datetime.timedelta(days=1)
    )


# The index


@pytest.fixture
def faq(db, draft_briefing, scheduled_briefing):
    """Three topics with more, exactly as many and fewer questions than the index shows, general
    questions, and questions on unpublished briefings that would be the newest of each."""
    sanctions = factories.TopicFactory(name="Sanctions", slug="sanctions")
    arms = factories.TopicFactory(name="Arms control", slug="arms-control")
    energy = factories.TopicFactory(name="Energy", slug="energy")
    unpublished = []
    for briefing in [draft_briefing, scheduled_briefing]:
        entry = factories.FAQEntryFactory(briefing=briefing, question=f"On {briefing.title}?")
        entry.topics.add(sanctions)
        untopical = factories.FAQEntryFactory(briefing=briefing, question=f"In {briefing.title}?")
        unpublished += [entry, untopical]
    FAQEntry.objects.filter(pk__in=[entry.pk for entry in unpublished]).update(
        created_at=timezone.now()
    )
    return {
        "sanctions": sanctions,
        "arms": arms,
        "energy": energy,
        "on sanctions": ask(FAQ_PREVIEW + 2, topic=sanctions, label="Sanctions"),
        "on arms": ask(FAQ_PREVIEW, topic=arms, label="Arms"),
        "on energy": ask(2, topic=energy, label="Energy"),
        "general": ask(FAQ_PREVIEW + 1, label="General"),
        "unpublished": unpublished,
    }


def test_the_faq_index_shows_each_topics_newest_questions_in_topic_name_order(client, faq):
    response = client.get(reverse("briefings:faq_list"))

    content = page(response)
    groups = response.context["groups"]
    assert [topic for topic, _ in groups] == [faq["arms"], faq["energy"], faq["sanctions"]]
    assert dict(groups) == {
        faq["arms"]: faq["on arms"],
        faq["energy"]: faq["on energy"],
        faq["sanctions"]: faq["on sanctions"][:FAQ_PREVIEW],
    }
    assert_in_order(
        content,
        [
            'id="topic-arms-control"',
            *questions(faq["on arms"]),
            'id="topic-energy"',
            *questions(faq["on energy"]),
            'id="topic-sanctions"',
            *questions(faq["on sanctions"][:FAQ_PREVIEW]),
            'id="topic-general"',
        ],
    )
    for older in faq["on sanctions"][FAQ_PREVIEW:]:
        assert older.question not in content
    assert robots(content) == []  # the index is for search engines; the full lists are not


def test_the_faq_index_jump_list_counts_every_public_question_of_each_topic(client, faq):
    content = page(client.get(reverse("briefings:faq_list")))

    jump_list = [(text, href) for text, href in links(content) if href.startswith("#topic-")]
    assert jump_list == [
        ("Arms control 5", "#topic-arms-control"),
        ("Energy 2", "#topic-energy"),
        ("Sanctions 7", "#topic-sanctions"),  # not the two on unpublished briefings
        ("General 6", "#topic-general"),
    ]


def test_a_topic_with_more_questions_than_the_index_shows_links_to_all_of_them(client, faq):
    content = page(client.get(reverse("briefings:faq_list")))

    assert link_named(content, "All 7 questions on Sanctions") == filtered(
        "briefings:faq_list", topic="sanctions"
    )
    assert link_named(content, "More on Sanctions") is None


def test_a_topic_with_no_more_questions_than_the_index_shows_links_to_its_topic_page(client, faq):
    content = page(client.get(reverse("briefings:faq_list")))

    for topic in [faq["arms"], faq["energy"]]:
        assert link_named(content, f"More on {topic.name}") == topic.get_absolute_url()
        assert not any(text.endswith(f"questions on {topic.name}") for text, _ in links(content))


def test_the_faq_index_shows_the_newest_general_questions_and_links_to_all_of_them(client, faq):
    response = client.get(reverse("briefings:faq_list"))

    content = page(response)
    newest = faq["general"][:FAQ_PREVIEW]
    assert response.context["general"] == newest
    assert_in_order(content, ['id="topic-general"', *questions(newest)])
    assert faq["general"][-1].question not in content
    assert link_named(content, "All 6 general questions") == filtered(
        "briefings:faq_list", general=1
    )


def test_the_faq_index_shows_no_question_on_an_unpublished_briefing(client, faq):
    content = page(client.get(reverse("briefings:faq_list")))

    for entry in faq["unpublished"]:
        assert entry.question not in content


def test_few_general_questions_need_no_link_to_more(client):
    ask(FAQ_PREVIEW, label="General")

    content = page(client.get(reverse("briefings:faq_list")))

    assert not any("general questions" in text for text, _ in links(content))


def test_a_question_on_two_topics_is_listed_and_counted_under_both(client):
    energy = factories.TopicFactory(name="Energy", slug="energy")
    sanctions = factories.TopicFactory(name="Sanctions", slug="sanctions")
    both = factories.FAQEntryFactory(briefing=None, question="Do sanctions raise gas prices?")
    both.topics.add(energy, sanctions)

    response = client.get(reverse("briefings:faq_list"))

    content = page(response)
    assert dict(response.context["groups"]) == {energy: [both], sanctions: [both]}
    assert response.context["general"] == []
    jump_list = [text for text, href in links(content) if href.startswith("#topic-")]
    assert jump_list == ["Energy 1", "Sanctions 1"]


# The full lists


def test_a_topics_list_shows_every_question_newest_first_fifty_a_page(client):
    topic = factories.TopicFactory(name="Energy", slug="energy")
    # Created in order, so newest first is the reverse of the creation order.
    entries = factories.FAQEntryFactory.create_batch(FAQ_PER_PAGE + 1, briefing=None)
    topic.faq_entries.add(*entries)
    newest_first = entries[::-1]

    first = client.get(reverse("briefings:faq_list"), {"topic": "energy"})

    content = page(first)
    assert list(first.context["entries"]) == newest_first[:FAQ_PER_PAGE]
    assert_in_order(content, questions(newest_first[:FAQ_PER_PAGE]))
    assert newest_first[-1].question not in content
    assert "51 questions, newest first" in content
    assert robots(content) == ["noindex, follow"]
    next_page = link_named(content, "Next page →")
    assert parse_qs(urlsplit(next_page).query) == {"topic": ["energy"], "page": ["2"]}

    second = client.get(urljoin(reverse("briefings:faq_list"), next_page))

    content = page(second)
    assert list(second.context["entries"]) == newest_first[FAQ_PER_PAGE:]
    assert newest_first[-1].question in content
    assert newest_first[0].question not in content


def test_a_topics_list_orders_by_when_each_question_was_asked(client):
    topic = factories.TopicFactory(name="Energy", slug="energy")
    newest_first = ask(6, topic=topic, label="Energy")

    response = client.get(reverse("briefings:faq_list"), {"topic": "energy"})

    assert list(response.context["entries"]) == newest_first
    assert_in_order(page(response), questions(newest_first))


def test_a_topics_list_leaves_out_and_does_not_count_questions_on_unpublished_briefings(
    client, draft_briefing, scheduled_briefing
):
    topic = factories.TopicFactory(name="Energy", slug="energy")
    public = ask(2, topic=topic, label="Energy")
    hidden = []
    for briefing in [draft_briefing, scheduled_briefing]:
        entry = factories.FAQEntryFactory(briefing=briefing, question=f"On {briefing.title}?")
        entry.topics.add(topic)
        hidden.append(entry)

    response = client.get(reverse("briefings:faq_list"), {"topic": "energy"})

    content = page(response)
    assert list(response.context["entries"]) == public
    assert "2 questions, newest first" in content
    for entry in hidden:
        assert entry.question not in content


def test_a_places_list_shows_only_questions_on_public_briefings_about_it(
    client, draft_briefing, scheduled_briefing
):
    place = factories.PlaceFactory(name="Baltic Sea", slug="baltic-sea")
    about = factories.BriefingFactory(title="Cables under the Baltic")
    elsewhere = factories.BriefingFactory(title="Ports on the Black Sea")
    for briefing in [about, draft_briefing, scheduled_briefing]:
        briefing.places.add(place)
    on_place = ask(3, briefing=about, label="Baltic")
    hidden = [
        factories.FAQEntryFactory(briefing=elsewhere, question="About the Black Sea?"),
        factories.FAQEntryFactory(briefing=None, question="About no place at all?"),
        factories.FAQEntryFactory(briefing=draft_briefing, question="In a draft?"),
        factories.FAQEntryFactory(briefing=scheduled_briefing, question="Not asked yet?"),
    ]

    response = client.get(reverse("briefings:faq_list"), {"place": "baltic-sea"})

    content = page(response)
    assert list(response.context["entries"]) == on_place
    assert "3 questions, newest first" in content
    assert robots(content) == ["noindex, follow"]
    for entry in hidden:
        assert entry.question not in content


def test_the_general_list_shows_only_public_questions_with_no_topic(client, draft_briefing):
    topic = factories.TopicFactory(name="Energy", slug="energy")
    on_briefing = factories.BriefingFactory(title="Gas prices this winter")
    general = [
        factories.FAQEntryFactory(briefing=None, question="Who writes these briefings?"),
        factories.FAQEntryFactory(briefing=on_briefing, question="Why did prices rise?"),
    ]
    on_topic = factories.FAQEntryFactory(briefing=None, question="Is gas still cheap?")
    on_topic.topics.add(topic)
    in_draft = factories.FAQEntryFactory(briefing=draft_briefing, question="In a draft?")

    response = client.get(reverse("briefings:faq_list"), {"general": "1"})

    content = page(response)
    assert set(response.context["entries"]) == set(general)
    assert "2 questions, newest first" in content
    assert on_topic.question not in content
    assert in_draft.question not in content


@pytest.mark.parametrize("scope", ["topic", "place"])
def test_a_list_for_an_unknown_topic_or_place_is_not_found(client, scope):
    response = client.get(reverse("briefings:faq_list"), {scope: "atlantis"})

    assert response.status_code == 404


# What "public" means for an entry


def test_published_entries_are_general_ones_and_those_on_briefings_whose_time_has_come(
    draft_briefing, scheduled_briefing
):
    public = factories.BriefingFactory()
    archived = factories.BriefingFactory(status=Briefing.Status.ARCHIVED)
    general = factories.FAQEntryFactory(briefing=None)
    on_public = factories.FAQEntryFactory(briefing=public)
    for briefing in [draft_briefing, scheduled_briefing, archived]:
        factories.FAQEntryFactory(briefing=briefing)

    published = FAQEntry.objects.published()

    assert set(published) == {general, on_public}
    assert published.count() == 2
    # The same inside another query, as the FAQ index uses it.
    topic_links = FAQEntry.topics.through.objects.filter(faqentry__in=published)
    topic = factories.TopicFactory()
    for entry in FAQEntry.objects.all():
        entry.topics.add(topic)
    assert {link.faqentry for link in topic_links} == {general, on_public}
