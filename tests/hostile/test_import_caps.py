"""What one import stores is capped, so that any text up to the import limit is answered at once.

Regressions from issue 16: a 15 KB dry run of quotations by new speakers took 6 to 10 s through
`/api/v1/import/`, one actor and one quote saved for each; a 1.9 MB article was parsed for a
second and then refused by the body's 100,000-character limit. Past a cap nothing is lost: the
quotation or FAQ entry stays in the body, with a warning. Query counts are pinned by the caps,
and proven not to grow with the input.
"""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from briefings import linking
from briefings.importer.parse import ParseError, parse
from briefings.importer.service import (
    MAX_CORRECTIONS,
    MAX_FAQ_ENTRIES,
    MAX_NEW_SPEAKERS,
    MAX_QUOTES,
    ImportFailed,
    import_briefing,
)
from briefings.models import Actor, Briefing, FAQEntry, Quote
from tests import factories
from tests.api.conftest import _user_in, assert_error_body, authenticate

pytestmark = pytest.mark.django_db

URL = "/api/v1/import/"
# Queries an import makes whatever it holds, then at most this many per quote, new speaker and
# FAQ entry (each a save with its history, and a lookup or two), measured with some room.
FIXED_QUERIES = 40
PER_QUOTE, PER_NEW_SPEAKER, PER_FAQ_ENTRY = 6, 25, 10
MAX_QUERIES = (
    FIXED_QUERIES
    + PER_QUOTE * MAX_QUOTES
    + PER_NEW_SPEAKER * MAX_NEW_SPEAKERS
    + PER_FAQ_ENTRY * MAX_FAQ_ENTRIES
)


def speaker(n):
    """A different made-up name for each `n`: "Ana Bab", "Ana Bac" …"""
    letters = ""
    for _ in range(3):
        n, digit = divmod(n, 26)
        letters = chr(ord("a") + digit) + letters
    return f"Ana {letters.capitalize()}"


def quoted_by_new_speakers(count):
    """A briefing of `count` sentences, each quoting someone no actor is called."""
    sentences = "".join(
        f"“We will hold the line at {n},” said {speaker(n)}.\n\n" for n in range(count)
    )
    return f"# Talks stall\n\nThe talks stalled.\n\n## What they said\n\n{sentences}"


def pull_quotes(count):
    """A briefing of `count` pull quotes by Mark Rutte, from line 9 on, every other line."""
    paragraphs = "".join(
        f"“Allies will spend more in year {n}.” – Mark Rutte\n\n" for n in range(count)
    )
    return f"# Spending\n\nAllies pledged more.\n\n## Reactions\n\nMuch was said.\n\n{paragraphs}"


@pytest.fixture
def editor_client(roles):
    return authenticate(APIClient(), _user_in("Editor", username="caps-editor"))


@pytest.fixture
def rutte(db):
    return factories.ActorFactory(name="Mark Rutte", slug="mark-rutte")


def test_a_15_kb_dry_run_of_quotes_by_300_new_speakers_answers_a_preview_at_once(editor_client):
    text = quoted_by_new_speakers(300)
    assert 14_000 < len(text.encode()) < 16_000
    linking.name_index()  # built once per process, on the first import

    started = time.monotonic()
    response = editor_client.post(URL, {"text": text, "dry_run": True}, format="json")
    seconds = time.monotonic() - started

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["committed"] is False
    assert len(body["quotes"]) == MAX_NEW_SPEAKERS
    assert len(body["new_actors"]) == MAX_NEW_SPEAKERS
    left = range(MAX_NEW_SPEAKERS, 300)  # on lines 7, 9, 11 …
    assert body["warnings"] == [
        f"An import stores at most {MAX_QUOTES} quotes, by at most {MAX_NEW_SPEAKERS} new "
        f"speakers: {MAX_NEW_SPEAKERS} quotations kept as quotes, {len(left)} left in the "
        f"text, on lines {', '.join(str(7 + 2 * n) for n in left[:5])} and {len(left) - 5} more."
    ]
    # Quotations in sentences stay where they were, the ones not stored too.
    assert "“We will hold the line at 299,” said Ana Aln." in body["briefing"]["body"]
    assert not Briefing.objects.exists() and not Actor.objects.exists()
    assert seconds < 5  # 6 to 10 s before the caps; well under one now


def every_cap_passed(count):
    """Quotations by new speakers and pull quotes by a stored one, in turn, and FAQ entries:
    `count` of each, so that every cap is reached and the quotes kept cost the most."""
    quotes = "".join(
        f"“We will hold the line at {n},” said {speaker(n)}.\n\n"
        f"“Allies will spend more in year {n}.” – Mark Rutte\n\n"
        for n in range(count)
    )
    entries = "".join(f"**Question {n}?**\nAnswer {n}.\n\n" for n in range(count))
    return f"# Talks\n\nThe talks stalled.\n\n## Voices\n\n{quotes}## FAQ\n\n{entries}"


def test_the_queries_of_an_import_are_bounded_by_the_caps_not_by_the_text(
    editor, rutte, django_assert_max_num_queries
):
    linking.name_index()  # built once per process, on the first import

    def queries_for(count):
        with CaptureQueriesContext(connection) as queries:
            report = import_briefing(every_cap_passed(count), by=editor, commit=False)
        assert len(report.quotes) == MAX_QUOTES
        assert len(report.new_actors) == MAX_NEW_SPEAKERS
        assert len(report.faq_entries) == MAX_FAQ_ENTRIES
        return len(queries)

    assert queries_for(100) == queries_for(300)
    with django_assert_max_num_queries(MAX_QUERIES):
        import_briefing(every_cap_passed(300), by=editor)


def test_quotes_past_the_cap_are_not_stored_and_pull_quotes_stay_in_the_body_as_text(editor, rutte):
    report = import_briefing(pull_quotes(MAX_QUOTES + 5), by=editor)

    assert len(report.quotes) == MAX_QUOTES
    assert Quote.objects.count() == MAX_QUOTES
    body = Briefing.objects.get().body
    assert "year 0." not in body  # stored as a quote: the body places it by reference
    stored = [f"[quote:{q.quote.pk}]" for q in report.quotes]
    left = [
        f"> “Allies will spend more in year {n}.”\n>\n> — Mark Rutte"
        for n in range(MAX_QUOTES, MAX_QUOTES + 5)
    ]
    # Each where the author put it, in the author's order.
    positions = [body.index(part) for part in stored + left]
    assert positions == sorted(positions)
    (warning,) = report.warnings
    assert warning.startswith(f"An import stores at most {MAX_QUOTES} quotes")
    assert f"{MAX_QUOTES} quotations kept as quotes, 5 left in the text, on lines" in warning
    lines = ", ".join(str(9 + 2 * n) for n in range(MAX_QUOTES, MAX_QUOTES + 5))
    assert warning.endswith(f"on lines {lines}.")


def test_a_pull_quote_by_a_new_speaker_past_the_cap_goes_back_into_the_body(editor):
    text = "".join(
        f"“The line holds in sector {n}.” – {speaker(n)}, Commander\n\n"
        for n in range(MAX_NEW_SPEAKERS + 1)
    )
    report = import_briefing(f"# Front\n\nThe front held.\n\n## Voices\n\n{text}", by=editor)

    assert Actor.objects.count() == MAX_NEW_SPEAKERS
    last = speaker(MAX_NEW_SPEAKERS)
    assert (
        f"> “The line holds in sector {MAX_NEW_SPEAKERS}.”\n>\n> — {last}, Commander"
        in report.briefing.body
    )
    assert not Actor.objects.filter(name=last).exists()


def test_faq_entries_past_the_cap_go_back_into_the_body(editor):
    entries = "".join(
        f"**Question number {n}?**\nAnswer number {n}.\n\n" for n in range(MAX_FAQ_ENTRIES + 3)
    )
    text = f"# Sanctions\n\nSanctions widen.\n\n## Background\n\nSome.\n\n## FAQ\n\n{entries}"

    report = import_briefing(text, by=editor)

    assert FAQEntry.objects.count() == MAX_FAQ_ENTRIES
    body = Briefing.objects.get().body
    assert "Question number 0?" not in body
    assert body.endswith(
        "## Frequently asked questions\n\n"
        f"### Question number {MAX_FAQ_ENTRIES}?\n\nAnswer number {MAX_FAQ_ENTRIES}.\n\n"
        f"### Question number {MAX_FAQ_ENTRIES + 1}?\n\nAnswer number {MAX_FAQ_ENTRIES + 1}.\n\n"
        f"### Question number {MAX_FAQ_ENTRIES + 2}?\n\nAnswer number {MAX_FAQ_ENTRIES + 2}."
    )
    assert report.sections == ["Background", "Frequently asked questions"]
    questions = ", ".join(f"“Question number {MAX_FAQ_ENTRIES + n}?”" for n in range(3))
    assert report.warnings == [
        f"An import stores at most {MAX_FAQ_ENTRIES} FAQ entries: the other 3 ({questions}) are "
        "at the end of the body, under “Frequently asked questions”."
    ]


def test_too_many_corrections_are_refused_naming_the_cap(editor):
    rows = "".join(f"  - text: Correction {n}.\n" for n in range(MAX_CORRECTIONS + 1))
    text = f"---\ntitle: Corrected\ncorrections:\n{rows}---\n\nA standfirst.\n\n## A\n\nText."

    with pytest.raises(ImportFailed) as failure:
        import_briefing(text, by=editor)

    assert failure.value.errors == {
        "front_matter": [
            f"The front matter lists {MAX_CORRECTIONS + 1} corrections; an import takes at most "
            f"{MAX_CORRECTIONS}. Import the briefing with the first {MAX_CORRECTIONS} and add "
            "the others in the admin."
        ]
    }
    assert not Briefing.objects.exists()


def test_a_text_over_500_kb_is_refused_with_the_limit(editor_client):
    upload = SimpleUploadedFile("long.md", b"x" * 500_001, content_type="text/markdown")
    body = assert_error_body(editor_client.post(URL, {"file": upload}, format="multipart"), 400)
    assert body["errors"]["file"] == [
        "“long.md” is 500,001 bytes; a briefing can be at most 500 kB. "
        "Split it or remove embedded images."
    ]

    text = "# Long\n\n" + "A sentence of prose. " * 60_000
    body = assert_error_body(editor_client.post(URL, {"text": text}, format="json"), 400)
    assert body["errors"]["text"] == [
        "The input is 1.3 MB; a briefing can be at most 500 kB. Split it or remove embedded images."
    ]


def test_a_front_matter_list_of_thousands_of_names_is_refused_at_once():
    names = ", ".join(f"T{n}" for n in range(3000))
    text = f"---\ntopics: [{names}]\n---\n# A title\n\nA standfirst.\n\nBody."

    with pytest.raises(ParseError) as refused:
        parse(text)

    assert refused.value.field == "front_matter"
    assert "“topics” lists 3,000 names; it can list at most 50" in str(refused.value)


def test_repeated_front_matter_names_count_once():
    names = ", ".join(["Sanctions"] * 2000)

    parsed = parse(f"---\ntopics: [{names}]\n---\n# A title\n\nA standfirst.\n\nBody.")

    assert parsed.meta["topics"] == ["Sanctions"]
