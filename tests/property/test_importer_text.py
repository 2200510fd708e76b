"""Property tests: whatever text is imported, the parser loses none of the author's words.

`parse` promises that what it does not understand stays in the body, so that nothing the author
wrote is lost, and that it raises ParseError, naming the field to fix, for text it cannot read at
all. Here every input either raises ParseError or parses into parts (title, standfirst, body,
quotes, FAQ) that hold every word of the input, as often as the input has it.
"""

import re
from collections import Counter

import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from briefings.importer.parse import _QUOTES_HEADING, _SYNONYMS, ParseError, parse

# Words, and what the parser drops on purpose ------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")  # letters and digits; "_" is Markdown emphasis, not a letter
# A link's or an image's target: the title, standfirst and questions keep only the link's text.
_LINK_TARGET = re.compile(r"(!?\[[^\[\]]*\])\([^()]*\)")
# The headings of an FAQ section, which the FAQ replaces.
_FAQ_HEADING = re.compile(
    r"(?:frequently asked questions|faqs?|questions (?:and|&) answers|q ?(?:&|and) ?a)\s*:?",
    re.IGNORECASE,
)
# "Q:" before a question and "A:" before an answer, at the start of a line.
_QA_PREFIX = re.compile(r"^([\s>#*_]*)(?:Q\s*[:.]|A\s*:)", re.IGNORECASE)
_ATX_HEADING = re.compile(r" {0,3}(#{1,6})[ \t]+\S")
_BLOCKQUOTE = re.compile(r" {0,3}>")
_DASH_START = re.compile(r"(?:—|–|--|-)\s")
_FINAL_PUNCTUATION = tuple(".,;:!?\"”'’…")


def words(text):
    """The words of `text`, case-folded, each as often as it occurs."""
    return Counter(_WORD.findall(text.casefold()))


def _lines_and_content_start(text):
    """The input's lines as parse reads them, and the index of the first line after front matter."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = next(index for index, line in enumerate(lines) if line.strip())
    if lines[first].rstrip() != "---":
        return lines, 0
    end = next(i for i in range(first + 1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    return lines, end + 1


def _lines_are_paragraphs(lines):
    """Plain text with no blank line between the lines after its title: each line is a paragraph."""
    filled = [bool(line.strip()) for line in lines]
    after_title = filled[filled.index(True) + 1 :]
    while after_title and not after_title[-1]:
        after_title.pop()
    while after_title and not after_title[0]:
        after_title.pop(0)
    return all(after_title)


def _headings_after_title(lines, start, parsed):
    """(the line of the heading the parser takes as the title or drops as its repeat, or None;
    the other Markdown headings as (line, level))."""
    if parsed.format != "markdown":
        return None, []
    headings = [
        (index, len(match[1]))
        for index in range(start, len(lines))
        if (match := _ATX_HEADING.match(lines[index]))
    ]
    level_one = [index for index, level in headings if level == 1]
    if headings and level_one and not _front_matter_gives_title(lines, start):
        headings.remove((level_one[0], 1))  # the title
        return level_one[0], headings
    if headings and headings[0][1] == 1:
        title = re.sub(r"[#*_`]", "", lines[headings[0][0]]).strip()
        if " ".join(title.split()) == " ".join(parsed.title.split()):
            return headings[0][0], headings[1:]  # a heading repeating the front matter's title
    return None, headings


def _sections_are_level_one(lines, start, parsed):
    """Whether the parser moves every heading down a level: in Markdown, when the first heading
    after the title is a level-1 one (a text whose sections are "#" headings)."""
    _, headings = _headings_after_title(lines, start, parsed)
    return bool(headings) and headings[0][1] == 1


def _front_matter_gives_title(lines, start):
    """Whether the front matter before `start` gives the title (as "title:" or a synonym)."""
    keys = {"title", *(key for key, ours in _SYNONYMS.items() if ours == "title")}
    return any(line.partition(":")[0].strip() in keys for line in lines[:start])


def _heading_level(lines, index, text_format, shifted=False):
    """The section level of the heading on line `index`, or 0 if it cannot be a heading.

    In Markdown, a "#" line (a level-1 heading below the title is a section, level 2; when the
    sections are all "#" headings, every heading moves down a level: `shifted`). In plain
    text, an FAQ heading, or any one-line paragraph without closing punctuation, or any line of a
    text without blank lines: the parser's own rule is narrower, and a wider one only exempts
    more headings.
    """
    line = lines[index]
    if text_format == "markdown":
        heading = _ATX_HEADING.match(line)
        if not heading:
            return 0
        return len(heading[1]) + 1 if shifted else max(2, len(heading[1]))
    if _FAQ_HEADING.fullmatch(line.strip()):
        return 2
    if not line.strip() or line.rstrip().endswith(_FINAL_PUNCTUATION):
        return 0
    neighbours = [lines[i].strip() for i in (index - 1, index + 1) if 0 <= i < len(lines)]
    return 2 if not any(neighbours) or _lines_are_paragraphs(lines) else 0


def _continues_block(lines, index, first, text_format):
    """True if line `index` belongs to the block that opens on line `first`."""
    line = lines[index]
    if not line.strip():
        return False
    if text_format == "markdown":
        opens_block = _ATX_HEADING.match(line) or re.match(r" {0,3}(?:```|~~~)", line)
        return not opens_block and (_BLOCKQUOTE.match(lines[first]) or not _BLOCKQUOTE.match(line))
    # Plain text without blank lines: a line is a paragraph, but a dash line attributes the last.
    return not _lines_are_paragraphs(lines) or bool(_DASH_START.match(line.strip()))


def _dropped_headings(lines, start, parsed):
    """The lines of the headings the parser takes out of the body on purpose.

    An FAQ section's heading, which its questions and answers replace; and the heading of a
    section left with nothing but subheadings once its pull quotes (and any FAQ inside it) are
    taken out of the body.
    """
    in_pull_quotes = set()
    for quote in parsed.quotes:
        if not quote.in_body:
            index = first = quote.line - 1
            in_pull_quotes.add(index)
            while index + 1 < len(lines) and _continues_block(
                lines, index + 1, first, parsed.format
            ):
                index += 1
                in_pull_quotes.add(index)
    shifted = _sections_are_level_one(lines, start, parsed)
    # The title's heading is no section's end nor part: the parser takes it out first.
    title, _ = _headings_after_title(lines, start, parsed)
    levels = {
        i: 0 if i in in_pull_quotes else _heading_level(lines, i, parsed.format, shifted)
        for i in range(start, len(lines))
        if i != title
    }

    def section(heading):
        end = next((i for i in levels if i > heading and 0 < levels[i] <= levels[heading]), None)
        return [i for i in range(heading + 1, end or len(lines)) if lines[i].strip() and i != title]

    faq_headings = {
        index
        for index, level in levels.items()
        if level and _FAQ_HEADING.fullmatch(re.sub(r"[#*_`]", "", lines[index]).strip())
    }
    taken_out = in_pull_quotes.union(*(section(heading) for heading in faq_headings))
    quote_headings = {
        index
        for index, level in levels.items()
        if level
        and _QUOTES_HEADING.fullmatch(re.sub(r"[#*_`]", "", lines[index]).strip())
        and any(i in in_pull_quotes for i in section(index))
        and all(levels[i] or i in taken_out for i in section(index))
    }
    return faq_headings | quote_headings


def prose_words(text, parsed):
    """The words of the input that must survive.

    Left out, because the parser drops them on purpose:
    - the front matter: its keys are not prose, and its values are checked by their own test;
    - link and image targets, which the title, standfirst and questions leave out;
    - "Q:" and "A:" before questions and answers;
    - the headings of FAQ sections and of sections of nothing but pull quotes.
    """
    lines, start = _lines_and_content_start(text)
    dropped = _dropped_headings(lines, start, parsed)
    kept = [
        _QA_PREFIX.sub(r"\1", lines[index])
        for index in range(start, len(lines))
        if index not in dropped
    ]
    return words(_LINK_TARGET.sub(r" \1 ", "\n".join(kept)))


def result_words(parsed):
    """The words of every part of the result that is saved: not the notes, not the warnings."""
    parts = [parsed.title, parsed.standfirst, parsed.body]
    for quote in parsed.quotes:
        parts += [quote.text, quote.speaker, quote.attribution, quote.speaker_phrase]
    for entry in parsed.faq:
        parts += [entry.question, entry.answer]
    return words("\n".join(parts))


def lost_words(text, parsed):
    """The input's words the result does not hold as often as the input does.

    A word may run into the next one where the parser removes markup between them ("foo**bar**"
    becomes "foobar" in a title), so a missing word found inside a longer word that only the
    result has is not lost.
    """
    wanted, found = prose_words(text, parsed), result_words(parsed)
    missing, merged = wanted - found, list(found - wanted)
    return {
        word: count
        for word, count in missing.items()
        if not any(word in longer for longer in merged if len(longer) > len(word))
    }


def assert_nothing_lost_or_parse_error(text):
    try:
        parsed = parse(text)
    except ParseError:
        return
    assert lost_words(text, parsed) == {}, f"{text!r} parsed as {parsed}"


def test_the_check_notices_a_word_gone_missing():
    text = "# Talks resume\n\nDiplomats met in Geneva.\n\n## Next steps\n\nA summit in Ankara."
    parsed = parse(text)
    assert lost_words(text, parsed) == {}

    parsed.body = parsed.body.replace("Ankara", "")
    assert lost_words(text, parsed) == {"ankara": 1}

    parsed = parse(text)
    parsed.standfirst = "Diplomats met."
    assert lost_words(text, parsed) == {"in": 1, "geneva": 1}


def test_the_check_excuses_only_the_headings_the_parser_drops_on_purpose():
    text = (
        "# T\n\nS.\n\n## Quotes\n\n“We are close,” – Mark Rutte, NATO chief\n\n"
        "## FAQ\n\n### Q?\n\nA."
    )
    parsed = parse(text)
    assert "Quotes" not in parsed.body and "FAQ" not in parsed.body
    assert lost_words(text, parsed) == {}

    text = "# T\n\nS.\n\n## Quotes\n\n“We are close,” – Mark Rutte, NATO chief\n\nMore text."
    parsed = parse(text)
    parsed.body = parsed.body.replace("## Quotes", "")
    assert lost_words(text, parsed) == {"quotes": 1}


# Briefing-like text -------------------------------------------------------------------------------


def _listed(text):
    return text.split()


_VOCABULARY = _listed(
    """Ukraine talks ceasefire guarantees the of and in Iraq Qatar sanctions Kyiv Geneva said told
    warned he she who they FAQ Q A questions answers U.S. Dr. São Paulo Ελλάδα Москва 北京
    al-Sudani O'Neill naïve 2025 1989 chief minister President"""
)
_SPEAKERS = [
    "Mark Rutte",
    "NATO chief Mark Rutte",
    "Volodymyr Zelensky",
    "Jane Doe of the Northbridge Institute",
    "Ursula von der Leyen",
    "Dr. Amina Yusuf",
    "the former prime minister Keir Starmer",
    "Russia's chief negotiator",
    "he",
    "Analysts",
]
_ROLES = ["NATO chief", "Senior Fellow, Northbridge Institute", "foreign minister", "spokesperson"]

word = st.one_of(
    st.sampled_from(_VOCABULARY),
    st.text(st.characters(categories=["L", "Nd"]), min_size=1, max_size=8),
)
punctuated_word = st.builds(
    "{}{}".format, word, st.sampled_from(["", "", "", "", ",", ".", ":", ";", "?", "!"])
)
marked_up_word = st.builds(
    str.format,
    st.sampled_from(
        ["{}", "{}", "{}", "**{}**", "*{}*", "_{}_", "`{}`", "[{}](https://example.org/a-b)"]
    ),
    punctuated_word,
)
phrase = st.lists(punctuated_word, min_size=1, max_size=8).map(" ".join)
markdown_phrase = st.lists(marked_up_word, min_size=1, max_size=8).map(" ".join)
sentence = st.builds("{}{}".format, phrase, st.sampled_from([".", ".", "?", "!", "…", ":", ""]))
name = st.one_of(
    st.sampled_from(["Mark Rutte", "Jane Doe", "Ursula von der Leyen", "Volodymyr Zelensky"]),
    st.lists(word.map(str.capitalize), min_size=1, max_size=3).map(" ".join),
)
speaker = st.one_of(st.sampled_from(_SPEAKERS), name)
role = st.one_of(st.sampled_from(_ROLES), phrase)

quote_sentence = st.builds(
    str.format,
    st.sampled_from(
        [
            "“{q},” said {who}.",
            '"{q}," {who} said.',
            "“{q}?” asked {who} on Tuesday.",
            "{who} said: “{q}”",
            '{who} told reporters: "{q}."',
            "“{q}” is what {who} wrote.",
            "They called it “{q}”.",
        ]
    ),
    q=phrase,
    who=speaker,
)
pull_quote = st.builds(
    str.format,
    st.sampled_from(
        [
            "“{q}” — {name}, {role}",
            '"{q}" - {name}',
            "“{q}” – {role} {name}",
            "“{q}”\n— {name}, {role}",
        ]
    ),
    q=phrase,
    name=name,
    role=role,
)
blockquote = st.builds(
    str.format,
    st.sampled_from(
        [
            "> {q}\n> — {name}, {role}",
            "> “{q}”\n>\n> — {name}",
            "> {q}\n> {q}\n-- {name}",
            "> {q}",
        ]
    ),
    q=phrase,
    name=name,
    role=role,
)
paragraph = st.lists(st.one_of(sentence, quote_sentence), min_size=1, max_size=4).map(" ".join)


def _wrapped(sentences):
    # A paragraph's sentences on one line or on several, as authors wrap them.
    return "\n".join(sentences) if len(sentences) % 2 else " ".join(sentences)


markdown_paragraph = st.lists(
    st.one_of(markdown_phrase.map("{}.".format), quote_sentence), min_size=1, max_size=4
).map(_wrapped)


faq_heading = st.sampled_from(
    ["FAQ", "FAQs", "Frequently asked questions", "Q&A", "Questions and answers", "Q and A:"]
)
question = st.builds("{}?".format, phrase)
markdown_faq = st.builds(
    lambda level, heading, style, entries: (
        f"{'#' * level} {heading}\n\n" + "\n\n".join(style.format(q=q, a=a) for q, a in entries)
    ),
    st.integers(1, 3),
    faq_heading,
    st.sampled_from(["### {q}\n\n{a}", "Q: {q}\nA: {a}", "**{q}**\n{a}", "{q}\n{a}"]),
    st.lists(st.tuples(question, paragraph), max_size=3),
)
plain_faq = st.builds(
    lambda heading, style, entries: (
        f"{heading}\n\n" + "\n\n".join(style.format(q=q, a=a) for q, a in entries)
    ),
    faq_heading,
    st.sampled_from(["{q}\n{a}", "Q: {q}\nA: {a}", "Q. {q}\n\n{a}"]),
    st.lists(st.tuples(question, paragraph), max_size=3),
)
markdown_heading = st.builds(
    lambda level, text: f"{'#' * level} {text}", st.integers(1, 4), markdown_phrase
)
plain_heading = st.lists(word.map(str.capitalize), min_size=1, max_size=5).map(" ".join)
quotes_section = st.builds(
    lambda heading, quotes: "\n\n".join([heading, *quotes]),
    st.sampled_from(["## Quotes", "## What they said", "Quotes", "### In their words"]),
    st.lists(st.one_of(pull_quote, blockquote), min_size=1, max_size=3),
)
other_markdown = st.sampled_from(
    [
        "- a ceasefire along the line\n- a “reassurance force,” said nobody",
        "1. first\n2. second",
        "| Demand | Side |\n|---|---|\n| Neutrality | Russia |",
        "```text\n“This is not a quote,” said Nobody Important.\n## Not a heading\n```",
        "    indented code said: “no”",
        "---",
        "<div>raw html</div>",
        "[^1]: A footnote, said the editor.",
    ]
)

front_matter_value = st.one_of(
    phrase,
    st.sampled_from(
        [
            "2025-10-20",
            "2025-10-20T07:30:00Z",
            "'2025-10-20T07:30:00+00:00'",
            "2025-13-45",
            "2025-02-30",
            "next Tuesday",
            "[Alliances, Sanctions]",
            "[1, 2]",
            "1989",
            "",
            "analysis",
            "yes",
            "{a: b}",
        ]
    ),
)
front_matter = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "title",
                "type",
                "slug",
                "topics",
                "places",
                "authors",
                "published_at",
                "information_as_of",
                "Published-At",
                "editor_notes",
            ]
        ),
        front_matter_value,
    ),
    max_size=4,
).map(lambda pairs: "---\n" + "".join(f"{key}: {value}\n" for key, value in pairs) + "---")


@st.composite
def markdown_briefings(draw):
    parts = []
    if draw(st.booleans()):
        parts.append(draw(front_matter))
    if draw(st.booleans()):
        parts.append("# " + draw(markdown_phrase))
    parts += draw(
        st.lists(
            st.one_of(
                markdown_paragraph,
                markdown_heading,
                pull_quote,
                blockquote,
                quotes_section,
                markdown_faq,
                other_markdown,
            ),
            max_size=8,
        )
    )
    return draw(st.sampled_from(["\n\n", "\n\n", "\n\n\n", "\n"])).join(parts)


@st.composite
def plain_text_briefings(draw):
    parts = [draw(phrase)]
    parts += draw(
        st.lists(
            st.one_of(paragraph, plain_heading, pull_quote, quotes_section, plain_faq),
            max_size=8,
        )
    )
    return draw(st.sampled_from(["\n\n", "\n\n", "\n"])).join(parts)


line_endings = st.sampled_from(["\n", "\n", "\r\n", "\r"])
briefings = st.builds(
    lambda text, newline, bom: bom + text.replace("\n", newline),
    st.one_of(markdown_briefings(), plain_text_briefings()),
    line_endings,
    st.sampled_from(["", "", "\ufeff"]),
)
# Any text, and text made of the pieces the parser looks for, in any order.
markdown_soup = st.lists(
    st.one_of(
        st.sampled_from(
            [
                *"\n \t#>*_`[]()!-|:.,?“”\"'",
                "\n\n",
                "# ",
                "## ",
                "### ",
                "> ",
                "- ",
                "1. ",
                "---",
                "```",
                " — ",
                " – ",
                " said ",
                "said: ",
                "Q: ",
                "A: ",
                "FAQ",
                "Quotes",
                "**",
                "[x](y)",
            ]
        ),
        word,
    ),
    max_size=40,
).map("".join)


# The properties -----------------------------------------------------------------------------------


@given(text=briefings)
# "Q:" or "Q." inside an FAQ question: "Why Iraq: now?" became "Why Iranow?".
@example(text="# T\n\n## FAQ\n\n### Why Iraq: now?\n\nBecause.")
# "A:" inside an FAQ answer's first line: "Ask the CIA: it knows." became "Ask the CIit knows.".
@example(text="# T\n\n## FAQ\n\n### Why?\n\nA: Ask the CIA: it knows.")
# A date the front matter's YAML cannot build raised ValueError, not ParseError.
@example(text="---\npublished_at: 2025-13-45\n---\n\n# T")
def test_a_briefing_like_text_parses_without_losing_a_word(text):
    assert_nothing_lost_or_parse_error(text)


@given(text=st.one_of(st.text(), markdown_soup))
def test_any_text_parses_without_losing_a_word_or_raises_parse_error(text):
    assert_nothing_lost_or_parse_error(text)


front_matter_text = st.text(
    st.characters(categories=["L", "Nd", "P", "Zs"], exclude_characters="\u2028\u2029"),
    max_size=30,
)


@given(
    title=front_matter_text,
    slug=front_matter_text,
    topics=st.lists(front_matter_text, max_size=3),
    body=st.sampled_from(["# A heading\n\nText.", "Text only.", ""]),
)
def test_front_matter_values_reach_the_result(title, slug, topics, body):
    fields = {"title": title, "slug": slug, "topics": topics}
    text = f"---\n{yaml.safe_dump(fields, allow_unicode=True)}---\n\n{body}"
    try:
        parsed = parse(text)
    except ParseError as error:
        # Only a briefing with neither a title nor any text to take one from has none.
        assert (error.field, title.strip(), body) == ("title", "", "")
        return

    if title.strip():
        assert parsed.title == title.strip()
    assert parsed.meta.get("slug", "") == slug.strip()
    # Each name once, in the order first given.
    assert parsed.meta["topics"] == list(
        dict.fromkeys(topic.strip() for topic in topics if topic.strip())
    )
