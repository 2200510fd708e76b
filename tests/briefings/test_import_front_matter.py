"""The importer's front matter beyond title and taxonomy: status, subjects, sources, related
briefings, corrections and FAQ entries, and batches whose briefings name each other."""

import datetime

import pytest
from django.utils import timezone

from briefings.importer.parse import ParseError, parse
from briefings.importer.service import ImportFailed, import_briefing, import_briefings
from briefings.models import Briefing, BriefingActor, Correction, FAQEntry
from tests import factories

FULL = """\
---
title: Red Sea shipping after the ceasefire
slug: red-sea-after-the-ceasefire
status: published
featured: true
published_at: 2025-11-10T08:00:00Z
topics: [Maritime security]
subjects: [Houthis, nato]
sources: ["https://EXAMPLE.org/red-sea/?utm_source=feed"]
related: [an-older-briefing]
corrections:
  - kind: update
    published_at: 2025-11-12 10:00:00+00:00
    text: Added the insurers' view.
  - text: An earlier version misnamed the EU mission.
faq:
  - question: Who are the Houthis?
    answer: An armed movement from **northern Yemen**.
    topics: [Maritime security]
    last_reviewed_on: 2025-11-03
---

Two years of attacks have turned a trade route into a risk that shipping still prices in.

## What changed

Traffic has been slow to return.

## Frequently asked questions

### Why do ships still avoid the route?

Insurers still charge war-risk premiums.
"""


@pytest.fixture
def stored(db):
    """What FULL names, stored before the import."""
    houthis = factories.ActorFactory(name="Houthis", slug="houthis", kind="armed_group")
    factories.ActorAliasFactory(actor=houthis, name="Ansar Allah")
    return {
        "houthis": houthis,
        "nato": factories.ActorFactory(name="NATO", slug="nato", kind="igo"),
        "topic": factories.TopicFactory(name="Maritime security"),
        "source": factories.SourceFactory(url="https://example.org/red-sea"),
        "older": factories.BriefingFactory(title="An older briefing", slug="an-older-briefing"),
    }


# Reading the front matter ---------------------------------------------------------------------


def test_the_new_keys_are_read_and_normalised():
    parsed = parse(FULL)

    assert parsed.warnings == []
    assert {key: parsed.meta[key] for key in ("status", "featured", "subjects", "related")} == {
        "status": "published",
        "featured": True,
        "subjects": ["Houthis", "nato"],
        "related": ["an-older-briefing"],
    }
    assert parsed.meta["corrections"] == [
        {
            "kind": "update",
            "published_at": datetime.datetime(2025, 11, 12, 10, tzinfo=datetime.UTC),
            "text": "Added the insurers' view.",
        },
        {"text": "An earlier version misnamed the EU mission."},
    ]
    # The text's own FAQ comes first, then the front matter's, with its topics and review date.
    assert [(entry.question, entry.topics, entry.last_reviewed_on) for entry in parsed.faq] == [
        ("Why do ships still avoid the route?", [], None),
        ("Who are the Houthis?", ["Maritime security"], datetime.date(2025, 11, 3)),
    ]
    assert "faq" not in parsed.meta


def test_a_status_may_be_written_as_words():
    assert parse("---\nstatus: In review\n---\n\n# T\n\nS.").meta["status"] == "in_review"


def test_published_at_may_be_a_time_from_now():
    before = timezone.now().replace(microsecond=0)
    published_at = parse("---\npublished_at: in 30 days\n---\n\n# T\n\nS.").meta["published_at"]

    assert before + datetime.timedelta(days=30) <= published_at
    assert published_at <= timezone.now() + datetime.timedelta(days=30)
    assert parse("---\npublished_at: In 2 hours\n---\n\n# T\n\nS.").meta["published_at"] < (
        timezone.now() + datetime.timedelta(hours=3)
    )


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        ("featured: yes please", "“featured” must be true or false"),
        ("faq: Who leads?", "“faq” must be a list of entries such as"),
        ("faq:\n  - question: Who leads?", "faq entry 1 needs “answer”"),
        (
            "faq:\n  - question: Who leads?\n    answer: Us.\n    last_reviewed: 2025-01-01",
            "faq entry 1 has an unknown key “last_reviewed”; use question, answer, topics, "
            "last_reviewed_on",
        ),
        ("corrections:\n  - kind: update", "corrections entry 1 needs “text”"),
        (
            "corrections:\n  - {text: Fixed., published_at: soon}",
            "“corrections 1: published_at” must be a date and time",
        ),
        ("sources: 42", "“sources” must be a list of names, such as [https://"),
    ],
)
def test_malformed_new_keys_are_refused_saying_what_to_fix(front_matter, message):
    with pytest.raises(ParseError) as raised:
        parse(f"---\n{front_matter}\n---\n\n# Title\n\nStandfirst.")

    assert raised.value.field == "front_matter"
    assert message in str(raised.value)


# Importing ------------------------------------------------------------------------------------


def test_the_front_matter_sets_status_links_corrections_and_faq(stored):
    report = import_briefing(FULL)

    briefing = Briefing.objects.get(pk=report.briefing.pk)
    assert report.warnings == []
    assert (briefing.status, briefing.featured, briefing.is_public) == ("published", True, True)
    assert list(briefing.sources.all()) == [stored["source"]]  # found by its normalised URL
    assert list(briefing.related.all()) == [stored["older"]]
    subjects = BriefingActor.objects.filter(briefing=briefing, role="subject")
    assert {(row.actor, row.curated) for row in subjects} == {
        (stored["houthis"], True),
        (stored["nato"], True),
    }
    assert [(c.kind, c.text) for c in briefing.corrections.order_by("pk")] == [
        ("update", "Added the insurers' view."),
        ("correction", "An earlier version misnamed the EU mission."),
    ]
    entries = list(briefing.faq_entries.order_by("order"))
    assert [(e.order, e.question, e.last_reviewed_on) for e in entries] == [
        (1, "Why do ships still avoid the route?", None),
        (2, "Who are the Houthis?", datetime.date(2025, 11, 3)),
    ]
    assert list(entries[1].topics.all()) == [stored["topic"]]


def test_pinned_subjects_stay_when_the_text_does_not_name_them(stored):
    report = import_briefing(FULL)

    # NATO is not named in the text: linking would drop it, but a pinned subject stays.
    row = BriefingActor.objects.get(briefing=report.briefing, actor=stored["nato"])
    assert (row.role, row.curated, row.mention_count) == ("subject", True, 0)


def test_names_that_match_nothing_are_left_out_with_a_warning(db):
    report = import_briefing(FULL)

    assert report.warnings == [
        "No topic is called “Maritime security”; create it first to use it. Left out.",
        "No source has the address “https://EXAMPLE.org/red-sea/?utm_source=feed”; add it first "
        "to use it. Left out.",
        "No actor is called “Houthis”; create it first to use it. Left out.",
        "No actor is called “nato”; create it first to use it. Left out.",
        "No topic is called “Maritime security”; create it first to use it. Left out.",
        "No briefing has the address or title “an-older-briefing”. Left out.",
    ]
    assert not report.briefing.related.exists()
    assert not BriefingActor.objects.filter(role="subject").exists()


def test_a_name_two_actors_share_is_left_out_until_given_by_slug(db):
    factories.ActorFactory(
        name="Georgia", slug="georgia-state", kind="state", short_description="Country"
    )
    factories.ActorFactory(
        name="Georgia",
        slug="georgia-us-state",
        kind="government_body",
        short_description="US state",
    )
    text = "---\nsubjects: [Georgia, georgia-state]\n---\n\n# Title\n\nStandfirst."

    report = import_briefing(text)

    assert report.warnings == [
        "More than one actor is called “Georgia”; give the one you mean by its slug. Left out."
    ]
    assert [row.actor.slug for row in report.briefing.actor_links.all()] == ["georgia-state"]


def test_publishing_on_import_wins_over_a_draft_status(db):
    report = import_briefing("---\nstatus: draft\n---\n\n# Title\n\nStandfirst.", publish=True)

    assert report.briefing.status == "published"
    assert report.briefing.published_at is not None


def test_a_scheduled_briefing_is_published_but_not_yet_public(db):
    report = import_briefing(
        "---\nstatus: published\npublished_at: in 30 days\n---\n\n# Title\n\nStandfirst."
    )

    assert list(Briefing.objects.scheduled()) == [report.briefing]


def test_an_unknown_status_is_refused(db):
    with pytest.raises(ImportFailed) as failure:
        import_briefing("---\nstatus: live\n---\n\n# Title\n\nStandfirst.")

    assert failure.value.errors == {
        "status": ["Unknown status “live”; use one of draft, in_review, published, archived."]
    }
    assert not Briefing.objects.exists()


def test_an_invalid_correction_fails_the_import_and_writes_nothing(db):
    text = "---\ncorrections:\n  - {kind: erratum, text: Fixed.}\n---\n\n# Title\n\nStandfirst."

    with pytest.raises(ImportFailed, match="Correction 1: Value 'erratum' is not a valid choice"):
        import_briefing(text)
    assert not Briefing.objects.exists()
    assert not Correction.objects.exists()


# Batches --------------------------------------------------------------------------------------


def _briefing(slug, *related):
    return f"---\nslug: {slug}\nrelated: [{', '.join(related)}]\n---\n\n# {slug}\n\nStandfirst."


def test_a_batch_links_briefings_that_name_each_other_in_any_order(db):
    reports = import_briefings(
        {
            "first.md": _briefing("first", "second", "third"),
            "second.md": _briefing("second", "first"),
            "third.md": _briefing("third"),
        }
    )

    assert [report.warnings for report in reports] == [[], [], []]
    related = {b.slug: sorted(r.slug for r in b.related.all()) for b in Briefing.objects.all()}
    assert related == {"first": ["second", "third"], "second": ["first"], "third": []}


def test_one_bad_input_fails_the_whole_batch_naming_it(db):
    with pytest.raises(ImportFailed) as failure:
        import_briefings(
            {
                "good.md": _briefing("good"),
                "bad.md": "---\nstatus: live\n---\n\n# Title\n\nStandfirst.",
            }
        )

    assert str(failure.value).startswith("bad.md: Unknown status “live”")
    assert failure.value.errors["status"][0].startswith("bad.md: ")
    assert not Briefing.objects.exists()


def test_a_batch_preview_writes_nothing(db):
    reports = import_briefings({"a.md": _briefing("a", "b"), "b.md": _briefing("b")}, commit=False)

    assert [report.committed for report in reports] == [False, False]
    assert not Briefing.objects.exists()
    assert not FAQEntry.objects.exists()


# Front matter as people write it: not always YAML, not always our names


LENIENT = """\
---
title: Shipping Under Fire: Insurance, Escorts and Detours
regions: [Red Sea, Yemen]
tags:
  - Shipping
  - Insurance
date: 2025-10-20
author: Jane Roe
layout: post
---

Insurers have tripled premiums for the Red Sea since the attacks began.

## Escorts

Navies now escort a third of the ships.
"""


def test_front_matter_with_an_unquoted_colon_is_read_as_key_value_lines_with_a_warning():
    parsed = parse(LENIENT)

    assert parsed.title == "Shipping Under Fire: Insurance, Escorts and Detours"
    assert parsed.meta["places"] == ["Red Sea", "Yemen"]
    assert parsed.meta["topics"] == ["Shipping", "Insurance"]
    assert parsed.meta["published_at"] == datetime.datetime(2025, 10, 20, tzinfo=datetime.UTC)
    assert parsed.meta["authors"] == ["Jane Roe"]
    assert parsed.standfirst.startswith("Insurers have tripled premiums")
    assert parsed.warnings[0].startswith(
        "The front matter is not valid YAML on line 2 (mapping values are not allowed here); "
        "it was read as “key: value” lines"
    )


def test_synonyms_map_to_our_keys_and_unknown_keys_are_listed():
    warnings = parse(LENIENT).warnings

    assert "Front matter key “regions” read as “places”." in warnings
    assert "Front matter key “tags” read as “topics”." in warnings
    assert "Front matter key “date” read as “published_at”." in warnings
    assert "Front matter key “author” read as “authors”." in warnings
    assert any(
        w.startswith("Unknown front matter key “layout” ignored (known: title,") for w in warnings
    )


def test_our_own_key_wins_over_its_synonym():
    parsed = parse(
        "---\ntitle: A title\nplaces: [Ukraine]\nregions: [Europe]\n---\n\nA standfirst."
    )

    assert parsed.meta["places"] == ["Ukraine"]
    assert any("“regions” ignored" in warning for warning in parsed.warnings)


def test_a_list_left_open_is_still_refused():
    with pytest.raises(ParseError) as refused:
        parse("---\ntitle: A title\ntopics: [Alliances\n---\n\nText.")

    assert str(refused.value).startswith("The front matter is not valid YAML on line 3")


@pytest.mark.django_db
def test_a_lenient_import_previews_with_its_warnings(editor):
    factories.PlaceFactory(name="Yemen", slug="yemen")

    report = import_briefing(LENIENT, by=editor, commit=False)

    assert report.briefing.title == "Shipping Under Fire: Insurance, Escorts and Detours"
    assert [place.name for place in report.places] == ["Yemen"]
    assert any("read as “key: value” lines" in warning for warning in report.warnings)


def test_keys_with_a_colon_and_dates_as_people_write_them_are_read():
    parsed = parse(
        "---\ntitle: The Middle Corridor: Hype, Hope or Hedge?\nog:image: /img/a.jpg\n"
        "date: 12 May 2026\ninformation_as_of: May 10, 2026\n---\n\nA standfirst."
    )

    assert parsed.title == "The Middle Corridor: Hype, Hope or Hedge?"
    assert parsed.meta["published_at"] == datetime.datetime(2026, 5, 12, tzinfo=datetime.UTC)
    assert parsed.meta["information_as_of"] == datetime.date(2026, 5, 10)
    assert any("“og:image” ignored" in warning for warning in parsed.warnings)
