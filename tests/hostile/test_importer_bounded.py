"""The importer reads any text up to the import's size limit in time that grows with its length.

Each regression below once made `parse` take seconds to hours (issue 16): a pattern whose parts
could share a run of spaces or brackets, tried again from every position; the text before each
quotation counted again for its line number; YAML nested until Python's recursion gave out. Work
is measured in processor time, which other processes on a busy machine hardly change: `BUDGET`
for 100 KB, which the parser reads in milliseconds, and `budget(text)` for any size, growing
with the length as linear work does. A quadratic path misses either by minutes.
"""

import signal
from contextlib import contextmanager, suppress

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from briefings import linking
from briefings.importer.candidates import MAX_CANDIDATES, find_candidates
from briefings.importer.parse import MAX_FRONT_MATTER_CHARS, ParseError, parse
from briefings.importer.service import import_briefing
from tests import factories

SIZE = 100_000
BUDGET = 3.0  # seconds for SIZE characters; the parser takes a few milliseconds
LIMIT = settings.IMPORT_MAX_BYTES


def budget(text):
    """Seconds for `text`: 3, and 6 more per million characters. The densest texts, a short
    paragraph, heading or question on every line, take 2 to 6 s for 2 MB on a busy machine."""
    return BUDGET + 6 * len(text) / 1_000_000


@contextmanager
def within(seconds):
    """Fails the test once the block has used `seconds` of processor time, stopping it then."""

    def expire(signum, frame):
        raise AssertionError(f"still parsing after {seconds:.1f} s of processor time")

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def parsed_within_budget(text, seconds=BUDGET):
    with within(seconds):
        return parse(text)


def filled(unit, size=SIZE):
    """`unit` repeated to about `size` bytes of UTF-8."""
    return unit * max(1, size // len(unit.encode()))


# Regressions ----------------------------------------------------------------------------------


@pytest.mark.parametrize("gap", [" ", "\t"], ids=["spaces", "tabs"])
def test_a_heading_with_a_long_gap_between_its_words_is_read_at_once(gap):
    # 76 s for 50,000 spaces: the words and the closing "#"s could both take the gap.
    parsed = parsed_within_budget("# a" + filled(gap) + "b")

    assert parsed.title == "a b"


def test_a_heading_with_a_long_gap_before_its_closing_hashes_loses_only_the_hashes():
    parsed = parsed_within_budget("# Title\n\nStandfirst.\n\n## Section" + filled(" ") + "##")

    assert parsed.body == "## Section"


def test_a_quotation_and_dash_followed_by_spaces_and_a_line_is_read_at_once():
    # 27 s for 50,000 spaces: who said it, and the spaces after, could both take the gap.
    parsed = parsed_within_budget('# Title\n\n"a" - x' + filled(" ") + "\nmore")

    assert parsed.quotes == []
    assert '"a" - x' in parsed.body
    assert parsed.body.endswith("\nmore")


def test_an_attribution_with_a_long_gap_is_read_at_once_and_reported():
    parsed = parsed_within_budget('# Title\n\nStandfirst.\n\n"a" - x' + filled(" ") + "y")

    assert parsed.quotes == []
    assert len(parsed.unclassified) == 1
    assert parsed.unclassified[0].startswith("Quotation with an attribution that could not")


def test_spaces_before_a_stray_quote_mark_after_the_dash_are_read_at_once():
    # Cubic: 4 s for 1,000 spaces.
    parsed = parsed_within_budget('# Title\n\n"a" -' + filled(" ") + '"')

    assert parsed.standfirst == '"a" - "'


@pytest.mark.parametrize("unit", ["[", "[a", "[a](", "*["])
def test_bracket_runs_are_read_at_once_and_kept(unit):
    # Each "[" was a possible link read to the end of the line: 50 s for 100 KB.
    run = filled(unit)
    parsed = parsed_within_budget(f"Title\n\n{run}")

    assert (parsed.format, parsed.standfirst) == ("text", run)


def test_many_quotations_in_one_paragraph_are_counted_once():
    # Each quotation's line number counted the paragraph's lines from its start again.
    quotations = filled("“a” ", LIMIT)
    text = f"# Title\n\nStandfirst.\n\n{quotations}"
    parsed = parsed_within_budget(text, budget(text))

    assert (parsed.quotes, parsed.unclassified) == ([], [])  # scare quotes, each one word
    assert parsed.body == quotations


@pytest.mark.parametrize(
    "nesting",
    [
        f" {filled('[', 20_000)}",
        f" {filled('{a: ', 20_000)}",
        f"\n{filled('- ', 20_000)}x",
        "".join(f"\n{' ' * level}- a:" for level in range(0, 120, 2)),
    ],
    ids=["lists", "mappings", "items on a line", "indented items"],
)
def test_front_matter_nested_too_deep_is_refused_with_a_reason(nesting):
    # Python's recursion gave out: a RecursionError, a 500 through the API.
    text = f"---\ntitle: A title\ntopics:{nesting}\n---\n\nText."
    with pytest.raises(ParseError, match="nest more than 10 deep") as refusal:
        parsed_within_budget(text)

    assert refusal.value.field == "front_matter"


def test_front_matter_over_its_limit_is_refused_naming_the_limit():
    # PyYAML reads some 40,000 characters of short list items a second: most of a minute for 2 MB.
    text = f"---\ntitle: A title\ntopics: [{filled('a, ', LIMIT)}]\n---\n\nText."
    with pytest.raises(ParseError, match=f"at most {MAX_FRONT_MATTER_CHARS:,}") as refusal:
        parsed_within_budget(text)

    assert refusal.value.field == "front_matter"


def test_front_matter_at_its_limit_is_read():
    names = filled("Alliances, ", MAX_FRONT_MATTER_CHARS - 100)
    parsed = parsed_within_budget(f"---\ntitle: A title\ntopics: [{names}]\n---\n\nText.")

    assert parsed.meta["topics"][0] == "Alliances"


@pytest.mark.django_db
def test_stored_quotes_are_looked_up_together_however_many_are_quoted(editor):
    rutte = factories.ActorFactory(name="Mark Rutte", slug="mark-rutte")
    stored = [
        factories.QuoteFactory(speaker=rutte, text=f"Allies will spend more in year {n}.")
        for n in range(20)
    ]

    def queries_for(quotes):
        paragraphs = "".join(f"“{quote.text}” – Mark Rutte\n\n" for quote in quotes)
        with CaptureQueriesContext(connection) as queries:
            report = import_briefing(
                f"# A title\n\nA standfirst.\n\n## Quotes\n\n{paragraphs}", by=editor, commit=False
            )
        assert all(imported.existing for imported in report.quotes)
        assert [imported.quote for imported in report.quotes] == quotes
        return len(queries)

    linking.name_index()  # built once per process, on the first import
    assert queries_for(stored) == queries_for(stored[:2])


# Any text -------------------------------------------------------------------------------------

# What hostile text is made of: Markdown's markers, quote marks and dashes, words that start an
# FAQ, a quotation or an attribution.
PIECES = [
    *'#>*_[]():`~-—–"“”„«»\\!?,.|',
    " ",
    "\t",
    "\n",
    "\n\n",
    "    ",
    "- ",
    "1. ",
    "**",
    "```",
    "Q: ",
    "A: ",
    "## FAQ\n\n",
    "word",
    "Mark Rutte",
    "NATO chief",
    " said",
    " said:",
    " of ",
    "Dr.",
]
FRAMES = [
    "",
    "# Title\n\nA standfirst.\n\n",
    "Title\n\nA standfirst.\n\n",
    "---\ntitle: T\n---\n\n",
]
units = st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join)


@st.composite
def hostile_texts(draw, size=LIMIT, frames=FRAMES, units=units):
    """A frame, then up to three units each repeated up to `size` bytes in all."""
    text = draw(st.sampled_from(frames))
    room = size - len(text.encode())
    for _ in range(draw(st.integers(1, 3))):
        unit = draw(units)
        most = room // len(unit.encode())
        if most < 1:
            break
        count = draw(st.integers(1, most))
        text += unit * count
        room -= count * len(unit.encode())
    return text


@hypothesis_settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(hostile_texts())
def test_any_text_up_to_the_import_limit_is_parsed_within_the_budget(text):
    # A text with no title, or front matter it cannot read, is refused saying why.
    with suppress(ParseError):
        parsed_within_budget(text, budget(text))


YAML_PIECES = [*"[]{},:-?&*!|>'\"#%@` \n", "  ", "- ", "? ", ": ", "&a ", "*a ", "!!str ", "a", "1"]
yaml_units = st.lists(st.sampled_from(YAML_PIECES), min_size=1, max_size=6).map("".join)


@hypothesis_settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    hostile_texts(
        size=2 * MAX_FRONT_MATTER_CHARS, frames=["---\ntitle: T\ntopics: "], units=yaml_units
    )
)
def test_any_front_matter_is_read_or_refused_within_the_budget(front_matter):
    with suppress(ParseError):
        parsed_within_budget(f"{front_matter}\n---\n\nText.")


@pytest.mark.parametrize(
    "paragraph",
    [
        # As long as an import can be (the candidates are read in the body and the roles).
        "Ministry and " * (LIMIT // 13),  # one run of capitals joined by "and"
        "Aa Bb. " * (LIMIT // 7),  # a sentence start before every name
        "Dr. Aa Bb said, " * (LIMIT // 16),  # a person's signs everywhere
    ],
    ids=["a-run-of-organisation-words", "many-sentences", "many-people"],
)
def test_names_the_knowledge_base_does_not_know_are_found_in_linear_time(paragraph):
    index = linking.NameIndex([])

    with within(budget(paragraph)):
        found = find_candidates(paragraph, actors=index, places=index)

    assert len(found) <= MAX_CANDIDATES
