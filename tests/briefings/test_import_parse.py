"""The importer's parser: Markdown and plain text read as title, standfirst, body, quotes, FAQ."""

import datetime
import re

import pytest

from briefings.importer.parse import ParseError, parse

_TYPOGRAPHY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "—": "-", "–": "-"})


def _normalised(text):
    """Text without Markdown markup, double quote marks or stand-alone dashes, on one line."""
    text = re.sub(r"\\(.)", r"\1", text.translate(_TYPOGRAPHY))
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link is its text
    text = re.sub(r'[#>*_"`|]', " ", text)
    text = re.sub(r"(?<!\S)-+(?!\S)", " ", text)
    return " ".join(text.split())


def assert_nothing_lost(text, parsed, removed_headings=()):
    """Every sentence of `text` is in the title, standfirst, body, a quote or an FAQ entry.

    Front matter is left out, and so are `removed_headings`: the headings of the sections the
    parser takes out of the body (the FAQ, a section of pull quotes). "Q:" and "A:" may go.
    """
    parts = [parsed.title, parsed.standfirst, parsed.body]
    parts += [part for quote in parsed.quotes for part in (quote.text, quote.speaker_phrase)]
    parts += [part for entry in parsed.faq for part in (entry.question, entry.answer)]
    found = " | ".join(_normalised(part) for part in parts)
    removed = {_normalised(heading) for heading in removed_headings}
    content = re.sub(r"\A\s*---\n.*?\n---\n", "", text.replace("\r\n", "\n"), flags=re.DOTALL)
    for line in content.splitlines():
        line = re.sub(r"^\s*(?:Q\s*[:.]|A\s*:)\s*", "", line)
        for sentence in re.split(r"(?<=[.?!])\s+", _normalised(line)):
            sentence = sentence.strip(" .,;:!?")
            if sentence and sentence not in removed:
                assert sentence in found, f"Lost: {sentence!r}"


def test_the_nothing_lost_check_notices_a_sentence_gone_missing():
    parsed = parse(PLAIN_TEXT)
    parsed.body = parsed.body.replace("The Kremlin answered quickly. ", "")

    with pytest.raises(AssertionError, match="Lost: 'The Kremlin answered quickly'"):
        assert_nothing_lost(PLAIN_TEXT, parsed, ["Frequently Asked Questions"])


def quotes(parsed, *, in_body=None):
    """(text, speaker, attribution) of each quote, optionally only those in or out of the body."""
    return [
        (quote.text, quote.speaker, quote.attribution)
        for quote in parsed.quotes
        if in_body is None or quote.in_body is in_body
    ]


def headings(parsed):
    """The body's headings, outside code fences."""
    found, in_code = [], False
    for line in parsed.body.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        elif line.startswith("#") and not in_code:
            found.append(line)
    return found


# Markdown with front matter -------------------------------------------------------------------

MARKDOWN_WITH_FRONT_MATTER = """\
---
title: "Ukraine peace talks: what a guarantee would take"
type: Analysis
slug: ukraine-guarantees
topics: [Security guarantees, Alliances]
places: Ukraine
authors:
  - alice
published_at: 2025-10-20T07:30:00Z
information_as_of: 2025-10-15
editor_notes: check the figures
---

# Ukraine peace talks: what a guarantee would take

Diplomacy has moved from the battlefield to the question of what would keep a ceasefire in
place. The answer depends on guarantees that nobody has yet defined.

## Where the talks stand

Negotiators met again in Geneva this week. “We are closer than we have ever been,” said
Ukrainian President Volodymyr Zelensky after the first session. The Kremlin was less upbeat.

Russia's chief negotiator told reporters: "Nothing is agreed until everything is agreed."

> Guarantees that nobody is ready to enforce
> are worth less than the paper they are written on.
>
> — Jane Doe, Senior Fellow, Northbridge Institute

Key demands so far:

- a ceasefire along the current line
- a "reassurance force" of European troops

| Demand | Side |
|---|---|
| Neutrality | Russia |

# The shape of a force

Planning is led by the United Kingdom and France, and any deployment would come only after a
ceasefire. See [the “coalition of the willing,” said the summary](https://example.org/coalition).

```text
“This is not a quote,” said Nobody Important.
## Not a heading either
```

## Quotes

> “Today was really about security guarantees.”
> — Mark Rutte, NATO chief

## Frequently asked questions

### What is a security guarantee?

A promise by one state to help defend another. It can be:

1. a treaty commitment, or
2. a looser political pledge.

### Who would lead a reassurance force?

A: The United Kingdom and France have led the planning so far.
"""


def test_front_matter_gives_the_title_and_normalised_metadata():
    parsed = parse(MARKDOWN_WITH_FRONT_MATTER)

    assert parsed.format == "markdown"
    assert parsed.title == "Ukraine peace talks: what a guarantee would take"
    assert parsed.meta == {
        "kind": "analysis",
        "slug": "ukraine-guarantees",
        "topics": ["Security guarantees", "Alliances"],
        "places": ["Ukraine"],
        "authors": ["alice"],
        "published_at": datetime.datetime(2025, 10, 20, 7, 30, tzinfo=datetime.UTC),
        "information_as_of": datetime.date(2025, 10, 15),
    }
    assert parsed.warnings == [
        "Unknown front matter key “editor_notes” ignored (known: title, type, slug, status, "
        "featured, topics, places, authors, subjects, sources, related, published_at, "
        "information_as_of, corrections, faq)."
    ]
    assert_nothing_lost(
        MARKDOWN_WITH_FRONT_MATTER, parsed, ["Quotes", "Frequently asked questions"]
    )


def test_a_heading_repeating_the_front_matter_title_is_dropped_and_other_h1s_become_sections():
    parsed = parse(MARKDOWN_WITH_FRONT_MATTER)

    assert parsed.standfirst == (
        "Diplomacy has moved from the battlefield to the question of what would keep a "
        "ceasefire in place. The answer depends on guarantees that nobody has yet defined."
    )
    assert "Ukraine peace talks" not in parsed.body
    assert headings(parsed) == ["## Where the talks stand", "## The shape of a force"]


def test_pull_quotes_leave_the_body_and_an_emptied_quotes_section_goes_with_them():
    parsed = parse(MARKDOWN_WITH_FRONT_MATTER)

    assert quotes(parsed, in_body=False) == [
        (
            "Guarantees that nobody is ready to enforce are worth less than the paper they are "
            "written on.",
            "Jane Doe",
            "Senior Fellow, Northbridge Institute",
        ),
        ("Today was really about security guarantees.", "Mark Rutte", "NATO chief"),
    ]
    assert "Guarantees that nobody" not in parsed.body
    assert "## Quotes" not in parsed.body


def test_quotes_in_prose_stay_in_the_body():
    parsed = parse(MARKDOWN_WITH_FRONT_MATTER)
    zelensky = parsed.quotes[0]

    assert zelensky.text == "We are closer than we have ever been"
    assert (zelensky.speaker, zelensky.attribution) == ("Volodymyr Zelensky", "Ukrainian President")
    assert zelensky.speaker_phrase == "Ukrainian President Volodymyr Zelensky"
    assert zelensky.in_body and zelensky.line == 21
    assert "“We are closer than we have ever been,” said" in parsed.body


def test_a_quote_whose_speaker_is_only_a_role_is_reported_not_kept():
    parsed = parse(MARKDOWN_WITH_FRONT_MATTER)

    assert "Nothing is agreed until everything is agreed." not in [q.text for q in parsed.quotes]
    assert "Quote with no named speaker: “Nothing is agreed until everything is agreed.”" in (
        parsed.unclassified
    )


def test_code_fences_links_lists_and_tables_are_kept_verbatim_and_never_searched():
    parsed = parse(MARKDOWN_WITH_FRONT_MATTER)

    assert (
        "```text\n“This is not a quote,” said Nobody Important.\n## Not a heading either\n```"
        in parsed.body
    )
    assert '- a ceasefire along the current line\n- a "reassurance force"' in parsed.body
    assert "| Demand | Side |\n|---|---|\n| Neutrality | Russia |" in parsed.body
    assert "[the “coalition of the willing,” said the summary](https://example.org/coalition)" in (
        parsed.body
    )
    assert {quote.speaker for quote in parsed.quotes} == {
        "Volodymyr Zelensky",
        "Jane Doe",
        "Mark Rutte",
    }


def test_faq_questions_are_subheadings_and_answers_keep_their_markdown():
    parsed = parse(MARKDOWN_WITH_FRONT_MATTER)

    assert [(entry.question, entry.answer) for entry in parsed.faq] == [
        (
            "What is a security guarantee?",
            "A promise by one state to help defend another. It can be:\n\n"
            "1. a treaty commitment, or\n2. a looser political pledge.",
        ),
        (
            "Who would lead a reassurance force?",
            "The United Kingdom and France have led the planning so far.",
        ),
    ]
    assert "Frequently asked questions" not in parsed.body
    assert parsed.body.endswith("## Not a heading either\n```")


# Markdown without front matter ----------------------------------------------------------------

MARKDOWN_WITHOUT_FRONT_MATTER = """\
Draft for review.

# Red Sea shipping and the Houthi campaign

Two years of [Houthi](https://example.org/houthis) attacks have turned a *busy* trade route
into a risk that **insurers** still price in.

## How the campaign began

The attacks began in November 2023. "Every ship is a target until the war ends," the movement's
spokesman Mohammed Abdulsalam said on television.

"Shipping lines do not need a peace agreement to return; they need an insurer."
-- Dr. John Roe, Analyst, Northbridge Institute

> Insurance is the real blockade.
> — someone in the industry

> A plain blockquote stays in the body, as Markdown.

## Q&A:

**Why don't navies escort every ship?**
There are too few warships for the traffic.

**Who are the Houthis?**

An armed movement from northern Yemen.
"""


def test_without_front_matter_the_first_h1_is_the_title_and_text_before_it_stays():
    parsed = parse(MARKDOWN_WITHOUT_FRONT_MATTER)

    assert parsed.format == "markdown"
    assert parsed.title == "Red Sea shipping and the Houthi campaign"
    assert parsed.standfirst == (
        "Two years of Houthi attacks have turned a busy trade route into a risk that insurers "
        "still price in."
    )
    assert parsed.body.startswith("Draft for review.\n\n## How the campaign began")
    assert parsed.meta == {}
    assert_nothing_lost(MARKDOWN_WITHOUT_FRONT_MATTER, parsed, ["Q&A"])


def test_a_paragraph_that_is_only_a_quotation_and_a_dash_attribution_is_a_pull_quote():
    parsed = parse(MARKDOWN_WITHOUT_FRONT_MATTER)

    assert quotes(parsed, in_body=False) == [
        (
            "Shipping lines do not need a peace agreement to return; they need an insurer.",
            "John Roe",
            "Analyst, Northbridge Institute",
        )
    ]
    assert "Shipping lines do not need" not in parsed.body


def test_a_quote_after_the_speaker_phrase_with_a_possessive_is_split_at_the_role():
    parsed = parse(MARKDOWN_WITHOUT_FRONT_MATTER)

    assert quotes(parsed, in_body=True) == [
        (
            "Every ship is a target until the war ends",
            "Mohammed Abdulsalam",
            "the movement's spokesman",
        )
    ]


def test_a_blockquote_with_an_unreadable_attribution_stays_in_the_body_and_is_reported():
    parsed = parse(MARKDOWN_WITHOUT_FRONT_MATTER)

    assert "> Insurance is the real blockade.\n> — someone in the industry" in parsed.body
    assert "> A plain blockquote stays in the body, as Markdown." in parsed.body
    assert parsed.unclassified == [
        "Quotation with an attribution that could not be read: "
        "> Insurance is the real blockade. > — someone in the industry"
    ]


def test_bold_lines_are_faq_questions_under_a_q_and_a_heading():
    parsed = parse(MARKDOWN_WITHOUT_FRONT_MATTER)

    assert [(entry.question, entry.answer) for entry in parsed.faq] == [
        ("Why don't navies escort every ship?", "There are too few warships for the traffic."),
        ("Who are the Houthis?", "An armed movement from northern Yemen."),
    ]
    assert "Q&A" not in parsed.body


# Plain text -----------------------------------------------------------------------------------

# Pasted from a web page: one line per paragraph, however long.
PLAIN_TEXT = """\
Ukraine peace talks and the new security landscape

Diplomacy over the war has moved to the question of what would keep a ceasefire in place.

Where the talks stand

European leaders joined the meeting at the White House. "Today was really about security guarantees," stated NATO chief Mark Rutte on Tuesday.

"We need ammunition, not a ride," Volodymyr Zelensky told reporters.

The Kremlin answered quickly. Its spokesman Dmitry Peskov said: “Any foreign troops would be a legitimate target.”

“We will not be rushed into a bad deal,” he said. A "coalition of the willing" is taking shape.

The risks of a bilateral approach

“A guarantee is only as strong as the forces that stand behind it.” – Dr. Jane Doe, Analyst, Some Institute

1. Sanctions remain the main lever; arms control is the quieter part.

Frequently Asked Questions

What are bilateral security guarantees?
Commitments made by one state to another, outside an alliance.

How would a guarantee differ from Article 5?

Article 5 treats an attack on one ally as an attack on all.

It is backed by integrated military planning.
"""


def test_plain_text_has_a_title_line_a_standfirst_and_short_lines_as_headings():
    parsed = parse(PLAIN_TEXT)

    assert parsed.format == "text"
    assert parsed.title == "Ukraine peace talks and the new security landscape"
    assert parsed.standfirst == (
        "Diplomacy over the war has moved to the question of what would keep a ceasefire in place."
    )
    assert headings(parsed) == [
        "## Where the talks stand",
        "## The risks of a bilateral approach",
    ]
    assert_nothing_lost(PLAIN_TEXT, parsed, ["Frequently Asked Questions"])


def test_plain_text_quotes_in_straight_and_curly_marks_are_found_with_their_speakers():
    parsed = parse(PLAIN_TEXT)

    assert quotes(parsed, in_body=True) == [
        ("Today was really about security guarantees", "Mark Rutte", "NATO chief"),
        ("We need ammunition, not a ride", "Volodymyr Zelensky", ""),
        ("Any foreign troops would be a legitimate target.", "Dmitry Peskov", "Its spokesman"),
    ]
    assert [quote.line for quote in parsed.quotes[:3]] == [7, 9, 11]


def test_plain_text_pull_quote_with_an_en_dash_attribution_leaves_the_body():
    parsed = parse(PLAIN_TEXT)
    (pull_quote,) = [quote for quote in parsed.quotes if not quote.in_body]

    assert pull_quote.text == "A guarantee is only as strong as the forces that stand behind it."
    assert (pull_quote.speaker, pull_quote.attribution) == (
        "Jane Doe",
        "Analyst, Some Institute",
    )
    assert pull_quote.speaker_phrase == "Dr. Jane Doe, Analyst, Some Institute"
    assert "Some Institute" not in parsed.body


def test_pronouns_are_reported_and_short_scare_quotes_ignored():
    parsed = parse(PLAIN_TEXT)

    assert parsed.unclassified == [
        "Quote with no named speaker: “We will not be rushed into a bad deal”"
    ]


def test_plain_text_faq_questions_are_lines_ending_in_a_question_mark():
    parsed = parse(PLAIN_TEXT)

    assert [(entry.question, entry.answer) for entry in parsed.faq] == [
        (
            "What are bilateral security guarantees?",
            "Commitments made by one state to another, outside an alliance.",
        ),
        (
            "How would a guarantee differ from Article 5?",
            "Article 5 treats an attack on one ally as an attack on all.\n\n"
            "It is backed by integrated military planning.",
        ),
    ]


def test_plain_text_paragraphs_are_joined_and_markdown_at_their_start_escaped():
    parsed = parse(PLAIN_TEXT)

    assert (
        'European leaders joined the meeting at the White House. "Today was really' in parsed.body
    )
    assert "\n\n1\\. Sanctions remain the main lever" in parsed.body


PLAIN_TEXT_WITHOUT_BLANK_LINES = """\
Critical minerals and export controls
A handful of minerals underpin batteries, chips and weapons.
Why they matter
China dominates processing. "Supply chains are also chains of leverage," said analyst John Roe.
“Controls are here to stay.”
— Dr. Jane Doe, Senior Fellow, Northbridge Institute
FAQ
Q: Which minerals are critical?
A: Lithium, cobalt, graphite and the rare earths, among others.
Q: Who controls them?
"""


def test_without_blank_lines_every_line_is_a_paragraph():
    parsed = parse(PLAIN_TEXT_WITHOUT_BLANK_LINES)

    assert parsed.title == "Critical minerals and export controls"
    assert parsed.standfirst == "A handful of minerals underpin batteries, chips and weapons."
    assert headings(parsed) == ["## Why they matter", "## FAQ"]
    assert quotes(parsed) == [
        ("Supply chains are also chains of leverage", "John Roe", "analyst"),
        (
            "Controls are here to stay.",
            "Jane Doe",
            "Senior Fellow, Northbridge Institute",
        ),
    ]
    assert [(entry.question, entry.answer) for entry in parsed.faq] == [
        (
            "Which minerals are critical?",
            "Lithium, cobalt, graphite and the rare earths, among others.",
        )
    ]
    assert parsed.unclassified == ["Question with no answer: Who controls them?"]
    assert parsed.body.endswith("## FAQ\n\nQ: Who controls them?")
    assert_nothing_lost(PLAIN_TEXT_WITHOUT_BLANK_LINES, parsed)


@pytest.mark.parametrize(
    ("sentence", "speaker", "attribution"),
    [
        (
            "“We will stay the course,” said Secretary of State Marco Rubio.",
            "Marco Rubio",
            "Secretary of State",
        ),
        (
            "“We will stay the course,” Commission President Ursula von der Leyen said.",
            "Ursula von der Leyen",
            "Commission President",
        ),
        (
            "“We will stay the course,” said Jane Doe of the Northbridge Institute.",
            "Jane Doe",
            "the Northbridge Institute",
        ),
        ("On Monday NATO's Mark Rutte added: “We will stay the course.”", "Mark Rutte", "NATO's"),
        ("“We will stay the course,” said the Kremlin.", "Kremlin", ""),
        (
            "“We will stay the course,” says Prof. Anna Smith, who leads the study.",
            "Anna Smith",
            "",
        ),
        (
            "“We will stay the course,” said shipping analyst Lena Brandt on Monday.",
            "Lena Brandt",
            "shipping analyst",
        ),
        (
            "“We will stay the course,” said oil ministry spokesman Ali Reza.",
            "Ali Reza",
            "oil ministry spokesman",
        ),
    ],
)
def test_speaker_phrases_split_into_name_and_attribution(sentence, speaker, attribution):
    text = f"A title\n\nA standfirst.\n\n{sentence}"
    parsed = parse(text)

    assert quotes(parsed) == [(re.search(r"“(.*?),?”", sentence)[1], speaker, attribution)]
    assert_nothing_lost(text, parsed)


def test_a_briefing_that_opens_with_a_section_has_no_standfirst_and_says_so():
    text = (
        "# Arctic competition\n\n## Routes\n\nThe Northern Sea Route is open for part of the year."
    )
    parsed = parse(text)

    assert parsed.standfirst == ""
    assert parsed.body == "## Routes\n\nThe Northern Sea Route is open for part of the year."
    assert parsed.warnings == [
        "No standfirst: no paragraph comes between the title and the first heading."
    ]
    assert_nothing_lost(text, parsed)


def test_windows_and_old_mac_line_endings_read_like_unix_ones():
    unix = parse(PLAIN_TEXT)

    assert parse(PLAIN_TEXT.replace("\n", "\r\n")) == unix
    assert parse(PLAIN_TEXT.replace("\n", "\r")) == unix


def test_dates_without_a_time_zone_are_utc():
    text = (
        "---\ntitle: A title\npublished_at: 2025-10-20 07:30\ninformation_as_of: '2025-10-15'\n"
        "---\n\nA standfirst."
    )
    parsed = parse(text)

    assert parsed.meta == {
        "published_at": datetime.datetime(2025, 10, 20, 7, 30, tzinfo=datetime.UTC),
        "information_as_of": datetime.date(2025, 10, 15),
    }
    assert (parsed.title, parsed.standfirst, parsed.body) == ("A title", "A standfirst.", "")
    assert_nothing_lost(text, parsed)


# Bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "field", "message"),
    [
        ("", "text", "The text is empty."),
        (" \n\t\n", "text", "The text is empty."),
        (
            "---\ntitle: A title\ntopics: [Alliances\n---\n\nText.",
            "front_matter",
            "The front matter is not valid YAML on line 3: expected ',' or ']', but got '<stream end>'.",
        ),
        (
            "---\n- a list\n- not a mapping\n---\n\nText.",
            "front_matter",
            "The front matter must be “key: value” lines, such as “title: …”.",
        ),
        (
            "---\ntitle: A title\ntopics: [1, 2]\n---\n\nText.",
            "front_matter",
            "In the front matter, “topics” must be a list of names, such as [Alliances, Sanctions].",
        ),
        (
            "---\ntitle: A title\npublished_at: next Tuesday\n---\n\nText.",
            "front_matter",
            "In the front matter, “published_at” must be a date and time, such as "
            "2025-10-20T07:30:00+00:00.",
        ),
        (
            "---\ntitle: A title\ninformation_as_of: [2025]\n---\n\nText.",
            "front_matter",
            "In the front matter, “information_as_of” must be a date, such as 2025-10-15.",
        ),
        (
            "---\ntitle: A title\n\nText that never closes the front matter.",
            "front_matter",
            "The front matter opened on line 1 is never closed: end it with a line “---”.",
        ),
        (
            "---\ntype: analysis\n---\n\n",
            "title",
            "No title found: start with a title line or a “# ” heading, or give “title:” in the "
            "front matter.",
        ),
    ],
)
def test_input_that_cannot_be_read_raises_a_parse_error_naming_the_field(text, field, message):
    with pytest.raises(ParseError) as raised:
        parse(text)

    assert (raised.value.field, str(raised.value)) == (field, message)


# Found by the property tests (tests/property/test_importer_text.py) ------------------------------


def test_only_a_leading_q_and_a_are_taken_off_questions_and_answers():
    parsed = parse(
        "# T\n\nStandfirst.\n\n## FAQ\n\n### Q: Why Iraq: now?\n\nA: Ask the CIA: it knows."
    )

    assert [(entry.question, entry.answer) for entry in parsed.faq] == [
        ("Why Iraq: now?", "Ask the CIA: it knows.")
    ]


def test_an_impossible_date_in_the_front_matter_is_a_parse_error_naming_the_front_matter():
    with pytest.raises(ParseError) as raised:
        parse("---\npublished_at: 2025-13-45\n---\n\n# T\n\nStandfirst.")

    assert raised.value.field == "front_matter"
    assert "not a real date" in str(raised.value)


# An FAQ followed by the conclusion

CLOSING = (
    "So where does this leave the region, after a decade in which every attempt at a settlement "
    "has foundered on the same questions of sequencing, guarantees and who pays for "
    "reconstruction, and in which the outside powers have each found reasons to keep the "
    "conflict simmering rather than to end it, at a cost that the people living there have "
    "borne almost alone, while the diplomats moved on to the next crisis?"
)
WITH_CONCLUSION = f"""Red Sea shipping: what next

Insurers have tripled premiums since the attacks began.

Escorts

Navies now escort a third of the ships.

Frequently asked questions

Who pays for the escorts?
The coastal states, for now.

Will premiums fall?
Not before the attacks stop.

{CLOSING}

The region will not wait for the conferences.
"""


def test_a_closing_paragraph_ending_in_a_question_mark_ends_the_body_not_the_faq():
    parsed = parse(WITH_CONCLUSION)

    assert [entry.question for entry in parsed.faq] == [
        "Who pays for the escorts?",
        "Will premiums fall?",
    ]
    assert parsed.body.endswith(f"{CLOSING}\n\nThe region will not wait for the conferences.")
    assert parsed.unclassified == [
        f"Line 17: a paragraph of {len(CLOSING)} characters ending in “?” is too long to be a "
        "question (at most 300); it and the text after it up to the next question were kept at "
        "the end of the body, not as an FAQ entry."
    ]
    assert_nothing_lost(WITH_CONCLUSION, parsed, removed_headings=["Frequently asked questions"])


@pytest.mark.parametrize(
    ("sentence", "speaker", "attribution"),
    [
        (
            "“Insurers do not price promises.”\n"
            "— Dr. Jane Roe, Senior Fellow at the Institute for Maritime Security.",
            "Jane Roe",
            "Senior Fellow at the Institute for Maritime Security",
        ),
        (
            "“Insurers do not price promises.”\n— Cdr. Radu Ionescu, a Romanian naval officer.",
            "Radu Ionescu",
            "a Romanian naval officer",
        ),
        ("“We will not move,” said Gen. Amadou Diallo.", "Amadou Diallo", ""),
        ("“The corridor is open,” President Emmanuel Okafor said.", "Emmanuel Okafor", "President"),
    ],
)
def test_titles_and_ranks_are_not_part_of_the_name_and_roles_lose_their_full_stop(
    sentence, speaker, attribution
):
    [quote] = parse(f"A title\n\nA standfirst.\n\n{sentence}").quotes

    assert (quote.speaker, quote.attribution) == (speaker, attribution)


QUESTION_HEADINGS = """Black Sea grain after the ceasefire

Grain ships are moving again, but the insurers set the pace.

Turkey and the Straits: Friend or Foe?

Ankara controls the straits under the Montreux Convention and has kept them open to trade.

Will the corridor last?

Only if the escorts keep coming.

Frequently asked questions

Who pays for the escorts?

The coastal states, for now.
"""


def test_a_short_question_alone_between_paragraphs_heads_a_section_outside_the_faq():
    parsed = parse(QUESTION_HEADINGS)

    assert re.findall(r"^## (.+)$", parsed.body, flags=re.MULTILINE) == [
        "Turkey and the Straits: Friend or Foe?",
        "Will the corridor last?",
    ]
    assert [(entry.question, entry.answer) for entry in parsed.faq] == [
        ("Who pays for the escorts?", "The coastal states, for now.")
    ]


@pytest.mark.parametrize(
    ("sentence", "speaker", "attribution"),
    [
        (
            "“Cables are cut every year,” said Marta Nowak, a spokeswoman for the Polish "
            "infrastructure ministry.",
            "Marta Nowak",
            "a spokeswoman for the Polish infrastructure ministry",
        ),
        (
            "“Escorts help,” said Omar Selim, a spokesman for the Suez Canal Authority, in an "
            "interview last month.",
            "Omar Selim",
            "a spokesman for the Suez Canal Authority",
        ),
        (
            "“We will not pay,” said Minister Lars Holm, Denmark's minister for industry.",
            "Lars Holm",
            "Denmark's minister for industry",
        ),
        ("“We will stay the course,” says Anna Smith, who leads the study.", "Anna Smith", ""),
    ],
)
def test_the_role_written_after_an_inline_speakers_name_is_kept(sentence, speaker, attribution):
    [quote] = parse(f"A title\n\nA standfirst.\n\n{sentence}").quotes

    assert (quote.speaker, quote.attribution) == (speaker, attribution)
