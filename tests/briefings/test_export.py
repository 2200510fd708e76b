"""The Markdown exporter and `manage.py export_briefing`: what they write reads back the same."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from briefings.demo import load_demo_content
from briefings.importer.export import export_markdown
from briefings.importer.parse import parse
from briefings.models import Briefing
from tests import factories
from tests.briefings.test_import_parse import assert_nothing_lost

EXPORTED = """\
---
title: 'Ukraine: talks and guarantees'
slug: ukraine-talks-and-guarantees
type: analysis
published_at: 2025-10-20 07:30:00+00:00
information_as_of: 2025-10-15
topics: [Alliances, Security guarantees]
places: [Europe, Ukraine]
authors: [alice, bob]
---

What the talks are about, and why guarantees matter.

## Where the talks stand

Europe wants a say in any settlement,
and Ukraine does not want to negotiate alone.

## Quotes

> Today was really about security guarantees.
>
> — Mark Rutte, NATO chief

> Weapons are the way to peace.
>
> — Jens Stoltenberg, NATO Secretary General

> We will keep talking.
>
> — Jane Doe

## Frequently asked questions

### What are bilateral security guarantees?

Commitments made by one state to another, **outside** an alliance:

- weapons
- training

### What happens next?

Talks continue.
"""


@pytest.fixture
def briefing(db):
    briefing = factories.BriefingFactory(
        title="Ukraine: talks and guarantees",
        standfirst="What the talks are about, and why guarantees matter.",
        body="## Where the talks stand\n\nEurope wants a say in any settlement,\n"
        "and Ukraine does not want to negotiate alone.",
        published_at=datetime.datetime(2025, 10, 20, 7, 30, tzinfo=datetime.UTC),
        information_as_of=datetime.date(2025, 10, 15),
    )
    briefing.topics.set(
        [
            factories.TopicFactory(name="Security guarantees"),
            factories.TopicFactory(name="Alliances"),
        ]
    )
    briefing.places.set(
        [factories.PlaceFactory(name="Ukraine"), factories.PlaceFactory(name="Europe")]
    )
    briefing.authors.set(
        [factories.UserFactory(username="bob"), factories.UserFactory(username="alice")]
    )
    stoltenberg = factories.ActorFactory(name="Jens Stoltenberg")
    tenure = factories.TenureFactory(
        actor=stoltenberg, office=factories.OfficeFactory(title="NATO Secretary General")
    )
    for order, quote in enumerate(
        [
            factories.QuoteFactory(
                text="Today was really about security guarantees.",
                speaker=factories.ActorFactory(name="Mark Rutte"),
                attributed_as="NATO chief",
            ),
            factories.QuoteFactory(
                text="Weapons are the way to peace.", speaker=stoltenberg, tenure=tenure
            ),
            factories.QuoteFactory(
                text="We will keep talking.", speaker=factories.ActorFactory(name="Jane Doe")
            ),
        ],
        start=1,
    ):
        factories.BriefingQuoteFactory(briefing=briefing, quote=quote, order=order)
    factories.FAQEntryFactory(
        briefing=briefing, question="What happens next?", answer="Talks continue.", order=2
    )
    factories.FAQEntryFactory(
        briefing=briefing,
        question="What are bilateral security guarantees?",
        answer="Commitments made by one state to another, **outside** an alliance:\n\n"
        "- weapons\n- training",
        order=1,
    )
    return briefing


def _parts(parsed):
    """What a briefing round-trips as, from a parsed export."""
    return {
        "title": parsed.title,
        "standfirst": parsed.standfirst,
        "body": "\n".join(line.rstrip() for line in parsed.body.strip().splitlines()),
        "meta": parsed.meta,
        "quotes": [(quote.text, quote.speaker, quote.attribution) for quote in parsed.quotes],
        "faq": [(entry.question, entry.answer) for entry in parsed.faq],
    }


def _expected_parts(briefing):
    """The same parts, from the briefing as stored."""
    meta = {
        "kind": briefing.kind,
        "slug": briefing.slug,
        "topics": sorted(topic.name for topic in briefing.topics.all()),
        "places": sorted(place.name for place in briefing.places.all()),
        "authors": sorted(user.username for user in briefing.authors.all()),
    }
    if briefing.published_at:
        meta["published_at"] = briefing.published_at
    if briefing.information_as_of:
        meta["information_as_of"] = briefing.information_as_of
    quotes = [link.quote for link in briefing.quote_links.all()]
    return {
        "title": briefing.title,
        "standfirst": briefing.standfirst,
        "body": "\n".join(line.rstrip() for line in briefing.body.strip().splitlines()),
        "meta": meta,
        "quotes": [
            (
                quote.text,
                quote.speaker.name,
                quote.attributed_as or (quote.tenure.office.title if quote.tenure else ""),
            )
            for quote in quotes
        ],
        "faq": [
            (entry.question, entry.answer) for entry in briefing.faq_entries.order_by("order", "pk")
        ],
    }


def test_a_briefing_exports_as_front_matter_standfirst_body_quotes_and_faq(briefing):
    assert export_markdown(briefing) == EXPORTED


def test_the_importer_reads_an_export_back_into_the_same_briefing(briefing):
    markdown = export_markdown(briefing)
    parsed = parse(markdown)

    assert _parts(parsed) == _expected_parts(briefing)
    assert not any(quote.in_body for quote in parsed.quotes)
    assert parsed.unclassified == parsed.warnings == []
    assert_nothing_lost(markdown, parsed, ["Quotes", "Frequently asked questions"])


def test_a_draft_without_dates_quotes_or_faq_exports_without_them(db):
    draft = factories.BriefingFactory(
        title="A draft", status=Briefing.Status.DRAFT, published_at=None
    )

    markdown = export_markdown(draft)

    assert markdown.startswith(
        "---\ntitle: A draft\nslug: a-draft\ntype: analysis\ntopics: []\nplaces: []\n"
        "authors: []\n---\n\nWhat changed, and why it matters.\n\n## First section"
    )
    assert "published_at" not in markdown and "information_as_of" not in markdown
    assert "## Quotes" not in markdown and "## Frequently asked questions" not in markdown
    assert _parts(parse(markdown)) == _expected_parts(draft)


def test_every_demo_briefing_survives_export_and_import(db):
    load_demo_content()

    for briefing in Briefing.objects.all():
        markdown = export_markdown(briefing)
        parsed = parse(markdown)

        assert _parts(parsed) == _expected_parts(briefing), briefing.slug
        assert_nothing_lost(markdown, parsed, ["Quotes", "Frequently asked questions"])


# The command ----------------------------------------------------------------------------------


def test_the_command_prints_one_briefing_drafts_included(db):
    draft = factories.BriefingFactory(status=Briefing.Status.DRAFT, published_at=None)
    out = io.StringIO()

    call_command("export_briefing", draft.slug, stdout=out)

    assert out.getvalue() == export_markdown(draft)


def test_the_command_writes_each_briefing_to_its_own_file(briefing, tmp_path):
    other = factories.BriefingFactory(title="Red Sea shipping")
    out = io.StringIO()

    call_command("export_briefing", briefing.slug, other.slug, output=tmp_path / "out", stdout=out)

    assert (tmp_path / "out" / f"{briefing.slug}.md").read_text(encoding="utf-8") == EXPORTED
    assert (tmp_path / "out" / "red-sea-shipping.md").read_text(encoding="utf-8") == (
        export_markdown(other)
    )
    assert f"Wrote {tmp_path / 'out' / 'red-sea-shipping.md'}" in out.getvalue()


def test_the_command_names_unknown_slugs(briefing):
    with pytest.raises(CommandError, match=r"No briefing has the slug “nope”, “gone”\."):
        call_command("export_briefing", briefing.slug, "nope", "gone", stdout=io.StringIO())


def test_the_command_needs_an_output_directory_for_several_briefings(briefing):
    other = factories.BriefingFactory()

    with pytest.raises(CommandError, match="Give --output DIR"):
        call_command("export_briefing", briefing.slug, other.slug, stdout=io.StringIO())
