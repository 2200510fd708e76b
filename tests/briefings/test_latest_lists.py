"""Actor, topic and place pages show their latest briefings and questions, and link to the rest."""

import datetime
from html.parser import HTMLParser
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from briefings.models import Briefing, FAQEntry
from reader.views import LATEST_BRIEFINGS, LATEST_FAQ_ENTRIES
from tests import factories
from tests.briefings.test_views import body, days_ago, page

pytestmark = pytest.mark.django_db

# Creation order differs from publication order, so "newest first" cannot come from the pk.
AGES = [4, 9, 1, 11, 6, 2, 8, 10, 3, 7, 5, 12]


# Reading links the way a reader does: by what they say


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self._open = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open = [dict(attrs).get("href") or "", []]

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            href, text = self._open
            self.links.append((" ".join("".join(text).split()), href))
            self._open = None

    def handle_data(self, data):
        if self._open:
            self._open[1].append(data)


def links(content):
    """Every link on the page as (its text, whitespace collapsed; its href), in page order."""
    parser = _Links()
    parser.feed(content)
    return parser.links


def link_named(content, text):
    """The href of the one link reading `text`, or None when there is none."""
    hrefs = [href for label, href in links(content) if label == text]
    assert len(hrefs) <= 1, f"{len(hrefs)} links read {text!r}"
    return hrefs[0] if hrefs else None


def filtered(route, **query):
    return f"{reverse(route)}?{urlencode(query)}"


def assert_in_order(content, texts):
    visible = body(content)
    positions = [visible.index(text) for text in texts]
    assert positions == sorted(positions), "not in the expected order"


def questions_asked(entries):
    """Set each entry's creation time to its `age` in days (creation time is set on save)."""
    for entry in entries:
        FAQEntry.objects.filter(pk=entry.pk).update(created_at=days_ago(entry.age))


# One briefing list each on the actor, topic and place pages


PROFILES = {
    "actor": SimpleNamespace(
        create=lambda: factories.ActorFactory(name="Kaja Kallas", slug="kaja-kallas"),
        attach=lambda briefing, actor: factories.BriefingActorFactory(
            briefing=briefing, actor=actor
        ),
        more="All briefings involving {}",
    ),
    "topic": SimpleNamespace(
        create=lambda: factories.TopicFactory(name="Arms control", slug="arms-control"),
        attach=lambda briefing, topic: briefing.topics.add(topic),
        more="All briefings on {}, to filter by place, actor and year",
    ),
    "place": SimpleNamespace(
        create=lambda: factories.PlaceFactory(name="Baltic Sea", slug="baltic-sea"),
        attach=lambda briefing, place: briefing.places.add(place),
        more="All briefings on {}, to filter by topic, actor and year",
    ),
}


@pytest.fixture(params=PROFILES)
def profile(request, db):
    """An actor, topic or place, and a way to file briefings under it."""
    spec = PROFILES[request.param]
    subject = spec.create()

    def add(title, published_at, **fields):
        briefing = factories.BriefingFactory(title=title, published_at=published_at, **fields)
        spec.attach(briefing, subject)
        return briefing

    def add_public(count):
        """`count` public briefings, returned newest first."""
        ages = AGES[:count]
        made = {age: add(f"Dispatch {age:02d}", days_ago(age)) for age in ages}
        return [made[age] for age in sorted(ages)]

    return SimpleNamespace(
        subject=subject,
        url=subject.get_absolute_url(),
        add=add,
        add_public=add_public,
        more=spec.more.format(subject.name),
        full_list=filtered("briefings:briefing_list", **{request.param: subject.slug}),
    )


def test_a_profile_page_shows_its_latest_briefings_newest_first(client, profile):
    newest_first = profile.add_public(LATEST_BRIEFINGS + 1)

    response = client.get(profile.url)

    content = page(response)
    latest, oldest = newest_first[:LATEST_BRIEFINGS], newest_first[-1]
    assert list(response.context["briefings"]) == latest
    assert_in_order(content, [briefing.title for briefing in latest])
    assert oldest.title not in content


def test_a_profile_page_with_more_briefings_links_to_a_full_list_that_has_the_older_ones(
    client, profile
):
    newest_first = profile.add_public(LATEST_BRIEFINGS + 1)

    href = link_named(page(client.get(profile.url)), profile.more)

    assert href == profile.full_list
    response = client.get(href)
    full = page(response)
    assert list(response.context["briefings"]) == newest_first
    assert newest_first[-1].title in full


def test_a_profile_page_with_no_more_briefings_than_it_shows_has_no_link_to_the_rest(
    client, profile
):
    newest_first = profile.add_public(LATEST_BRIEFINGS)

    response = client.get(profile.url)

    content = page(response)
    assert list(response.context["briefings"]) == newest_first
    assert link_named(content, profile.more) is None
    assert "All briefings" not in content


def test_drafts_and_scheduled_briefings_are_neither_shown_nor_counted_towards_the_rest(
    client, profile
):
    newest_first = profile.add_public(LATEST_BRIEFINGS)
    # Both newer than every public one: were they let through, they would head the list.
    draft = profile.add("A draft on the same subject", days_ago(0.5), status=Briefing.Status.DRAFT)
    scheduled = profile.add("Scheduled for tomorrow", timezone.now() + datetime.timedelta(days=1))

    response = client.get(profile.url)

    content = page(response)
    assert list(response.context["briefings"]) == newest_first
    assert draft.title not in content
    assert scheduled.title not in content
    assert link_named(content, profile.more) is None
    assert "All briefings" not in content


# The questions on the topic and place pages


def topic_questions(topic, ages, **fields):
    """General entries on `topic`, one per age in days, returned newest first."""
    entries = []
    for age in ages:
        entry = factories.FAQEntryFactory(question=f"Question asked {age:02d} days ago?", **fields)
        entry.topics.add(topic)
        entry.age = age
        entries.append(entry)
    questions_asked(entries)
    return sorted(entries, key=lambda entry: entry.age)


def place_questions(briefing, ages):
    """Entries on `briefing`, one per age in days, returned newest first."""
    entries = []
    for age in ages:
        entry = factories.FAQEntryFactory(
            briefing=briefing, question=f"Question asked {age:02d} days ago?"
        )
        entry.age = age
        entries.append(entry)
    questions_asked(entries)
    return sorted(entries, key=lambda entry: entry.age)


@pytest.fixture
def topic(db):
    return factories.TopicFactory(name="Sanctions", slug="sanctions")


@pytest.fixture
def place(db):
    return factories.PlaceFactory(name="South Caucasus", slug="south-caucasus")


@pytest.fixture
def briefing_on_place(place):
    briefing = factories.BriefingFactory(title="Corridors through the Caucasus")
    briefing.places.add(place)
    return briefing


def test_a_topic_page_shows_its_newest_questions_and_links_to_all_of_them(client, topic):
    newest_first = topic_questions(topic, AGES[: LATEST_FAQ_ENTRIES + 1], briefing=None)

    response = client.get(topic.get_absolute_url())

    content = page(response)
    latest, oldest = newest_first[:LATEST_FAQ_ENTRIES], newest_first[-1]
    assert list(response.context["faq_entries"]) == latest
    assert_in_order(content, [entry.question for entry in latest])
    assert oldest.question not in content
    href = link_named(content, "All questions on Sanctions")
    assert href == filtered("briefings:faq_list", topic="sanctions")
    assert oldest.question in page(client.get(href))


def test_a_topic_page_with_few_questions_has_no_link_to_more_and_shows_no_drafts_questions(
    client, topic, draft_briefing
):
    newest_first = topic_questions(topic, AGES[:LATEST_FAQ_ENTRIES], briefing=None)
    scheduled = factories.BriefingFactory(
        title="Scheduled for tomorrow", published_at=timezone.now() + datetime.timedelta(days=1)
    )
    (on_draft,) = topic_questions(topic, [0], briefing=draft_briefing)
    on_scheduled = factories.FAQEntryFactory(briefing=scheduled, question="Not asked yet?")
    on_scheduled.topics.add(topic)

    response = client.get(topic.get_absolute_url())

    content = page(response)
    assert list(response.context["faq_entries"]) == newest_first
    assert on_draft.question not in content
    assert on_scheduled.question not in content
    assert link_named(content, "All questions on Sanctions") is None


def test_a_place_page_shows_the_newest_questions_on_its_briefings_and_links_to_all_of_them(
    client, place, briefing_on_place
):
    newest_first = place_questions(briefing_on_place, AGES[: LATEST_FAQ_ENTRIES + 1])

    response = client.get(place.get_absolute_url())

    content = page(response)
    latest, oldest = newest_first[:LATEST_FAQ_ENTRIES], newest_first[-1]
    assert list(response.context["faq_entries"]) == latest
    assert_in_order(content, [entry.question for entry in latest])
    assert oldest.question not in content
    href = link_named(content, "All questions on South Caucasus")
    assert href == filtered("briefings:faq_list", place="south-caucasus")
    assert oldest.question in page(client.get(href))


def test_a_place_page_lists_only_questions_on_its_public_briefings(
    client, place, briefing_on_place, draft_briefing
):
    newest_first = place_questions(briefing_on_place, AGES[:LATEST_FAQ_ENTRIES])
    draft_briefing.places.add(place)
    scheduled = factories.BriefingFactory(
        title="Scheduled for tomorrow", published_at=timezone.now() + datetime.timedelta(days=1)
    )
    scheduled.places.add(place)
    elsewhere = factories.BriefingFactory(title="Somewhere else entirely")
    hidden = [
        *place_questions(draft_briefing, [0]),
        factories.FAQEntryFactory(briefing=scheduled, question="Not asked yet?"),
        factories.FAQEntryFactory(briefing=elsewhere, question="About another place?"),
        factories.FAQEntryFactory(briefing=None, question="About no place at all?"),
    ]

    response = client.get(place.get_absolute_url())

    content = page(response)
    assert list(response.context["faq_entries"]) == newest_first
    for entry in hidden:
        assert entry.question not in content
    assert link_named(content, "All questions on South Caucasus") is None
