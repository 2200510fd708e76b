"""Reads a briefing written in Markdown or pasted as plain text into its parts; no database.

`parse(text)` finds the title, standfirst, body, quotes and FAQ, and raises ParseError only for
text it cannot read at all. What it does not understand stays in the body and is listed in
`unclassified`, so that an editor can check it and nothing the author wrote is lost.
"""

import datetime
import re
from dataclasses import dataclass, field, replace

import yaml

from briefings.linking import markdown_prose


@dataclass
class ParsedQuote:
    text: str
    speaker: str
    attribution: str
    speaker_phrase: str
    in_body: bool
    line: int
    # A pull quote that stays where it was: the body holds `placeholder(line)` at its place.
    placed: bool = False


@dataclass
class ParsedFAQ:
    question: str
    answer: str
    # Only front matter entries give these (see `_faq_value`).
    topics: list[str] = field(default_factory=list)
    last_reviewed_on: datetime.date | None = None


@dataclass
class ParsedBriefing:
    format: str
    title: str
    standfirst: str
    body: str
    meta: dict = field(default_factory=dict)
    quotes: list[ParsedQuote] = field(default_factory=list)
    faq: list[ParsedFAQ] = field(default_factory=list)
    unclassified: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class ParseError(ValueError):
    """Text that is no briefing; `field` says what to fix: front_matter, title or text."""

    def __init__(self, message, field="text"):
        super().__init__(message)
        self.field = field


def parse(text: str) -> ParsedBriefing:
    """The parts of a briefing in Markdown (with optional YAML front matter) or plain text."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ParseError("The text is empty.")
    lines = text.split("\n")
    first = next(index for index, line in enumerate(lines) if line.strip())
    meta, warnings, content_at = {}, [], first
    has_front_matter = lines[first].rstrip() == "---"
    if has_front_matter:
        meta, warnings, content_at = _front_matter(lines, first)
    content = lines[content_at:]
    if has_front_matter or _MARKDOWN_SIGNS.search("\n".join(content)):
        text_format = "markdown"
        title, blocks, after_title = _markdown_title_and_blocks(
            content, content_at + 1, meta.pop("title", "")
        )
    else:
        text_format = "text"
        title, blocks = _text_title_and_blocks(content, content_at + 1)
        after_title = 0

    blocks, boilerplate = _take_boilerplate(blocks)
    warnings += boilerplate
    standfirst, blocks = _take_standfirst(blocks, after_title)
    if not standfirst:
        warnings.append(
            "No standfirst: no paragraph comes between the title and the first heading."
        )
    blocks, faq, notes = _take_faq(blocks)
    faq += meta.pop("faq", [])  # after the text's questions
    blocks, quotes, pull_quote_notes = _take_pull_quotes(blocks)
    notes += pull_quote_notes
    for block in blocks:
        if block.kind in ("paragraph", "other"):
            inline_quotes, inline_notes = _inline_quotes(block)
            quotes += inline_quotes
            notes += inline_notes
    quotes = sorted(quotes, key=lambda quote: quote.line)
    warnings += _surnames_named_in_full(quotes)
    return ParsedBriefing(
        format=text_format,
        title=title,
        standfirst=standfirst,
        body="\n\n".join(block.markdown for block in blocks),
        meta=meta,
        quotes=quotes,
        faq=faq,
        unclassified=[note for _, note in sorted(notes, key=lambda note: note[0])],
        warnings=warnings,
    )


def _surnames_named_in_full(quotes):
    """“…,” said Solberg, after Henrik Solberg was quoted: the speaker named in full before.
    Changes `quotes` in place; returns a warning for each name completed."""
    full = {}  # last word of a full name: the full name, unless two share it
    for quote in quotes:
        words = quote.speaker.split()
        if len(words) > 1:
            last = words[-1].casefold()
            full[last] = quote.speaker if full.get(last, quote.speaker) == quote.speaker else None
    warnings = []
    for quote in quotes:
        name = full.get(quote.speaker.casefold()) if " " not in quote.speaker else None
        if name:
            warnings.append(
                f"Line {quote.line}: the speaker “{quote.speaker}” is read as {name}, quoted "
                "with their full name elsewhere in the text."
            )
            quote.speaker = name
    return warnings


# Front matter ---------------------------------------------------------------------------------


def _front_matter(lines, start):
    """(meta, warnings, index of the next line) for the front matter opening at `start`."""
    end = next(
        (
            index
            for index in range(start + 1, len(lines))
            if lines[index].rstrip() in ("---", "...")
        ),
        None,
    )
    if end is None:
        raise ParseError(
            f"The front matter opened on line {start + 1} is never closed: "
            "end it with a line “---”.",
            field="front_matter",
        )
    source = "\n".join(lines[start + 1 : end])
    if len(source) > MAX_FRONT_MATTER_CHARS:
        raise ParseError(
            f"The front matter is {len(source):,} characters long; it can be at most "
            f"{MAX_FRONT_MATTER_CHARS:,}. Move long answers into the text's FAQ section.",
            field="front_matter",
        )
    meta, warnings = {}, []
    try:
        data = yaml.load(source, Loader=_FrontMatterLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" on line {start + mark.line + 2}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        data = None if isinstance(error, _NestedTooDeep) else _key_value_lines(source)
        if data is None:
            raise ParseError(
                f"The front matter is not valid YAML{where}: {problem}.", field="front_matter"
            ) from error
        warnings.append(
            f"The front matter is not valid YAML{where} ({problem}); it was read as "
            "“key: value” lines, each value being the rest of its line. Check the values in "
            "the preview."
        )
    except ValueError as error:
        # PyYAML reads a date-like value such as 2025-13-45 as a date, and fails on it.
        raise ParseError(
            f"The front matter has a value that is not a real date or number: {error}.",
            field="front_matter",
        ) from error
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ParseError(
            "The front matter must be “key: value” lines, such as “title: …”.",
            field="front_matter",
        )
    for key, value in data.items():
        name = _key_name(key)
        if name in _SYNONYMS and _SYNONYMS[name] not in data:
            warnings.append(f"Front matter key “{key}” read as “{_SYNONYMS[name]}”.")
            name = _SYNONYMS[name]
        if name not in _FRONT_MATTER_KEYS:
            warnings.append(
                f"Unknown front matter key “{key}” ignored (known: "
                f"{', '.join(_FRONT_MATTER_KEYS)})."
            )
        elif value is not None:  # "published_at:" with no value is the same as no key
            meta_key, read = _FRONT_MATTER_KEYS[name]
            meta[meta_key] = read(key, value)
    return meta, warnings, end + 1


# What other sites and tools call our front matter keys.
_SYNONYMS = {
    "regions": "places",
    "countries": "places",
    "locations": "places",
    "tags": "topics",
    "themes": "topics",
    "categories": "topics",
    "date": "published_at",
    "published": "published_at",
    "author": "authors",
    "headline": "title",
}
_KEY = re.compile(r"[A-Za-z][\w :.-]{0,60}")


def _key_value_lines(source):
    """Front matter that is not YAML but is plainly “key: value” lines, as {key: value}; or None.

    People write `title: Shipping Under Fire: Insurance, Escorts and Detours`, which YAML
    refuses: here the value is the rest of the line after the first ": ". A value in brackets,
    `[a, b]`, is a list; `- item` lines under a key with no value are its list.
    """
    data, key = {}, None
    for line in source.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = line.strip()
        if (
            key is not None
            and item.startswith("- ")
            and (data[key] is None or isinstance(data[key], list))
        ):
            data[key] = [*(data[key] or []), _unquoted(item[2:])]
            continue
        # The key ends at the first ": " ("og:image: /a.jpg" has the key "og:image").
        key, separator, value = line.rstrip().partition(": ")
        if not separator and key.endswith(":"):
            key = key[:-1]
        if not _KEY.fullmatch(key):
            return None
        key, value = key.strip(), value.strip()
        if value.startswith(("[", "{")) != value.endswith(("]", "}")):
            return None  # a list or mapping left open: no line-by-line reading makes it right
        if value.startswith("[") and value.endswith("]"):
            data[key] = [_unquoted(part) for part in value[1:-1].split(",") if part.strip()]
        else:
            data[key] = _unquoted(value) or None
    return data


def _unquoted(value):
    value = value.strip()
    if len(value) > 1 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


# Front matter holds a few keys and entries (the demo briefings' take 3,000 characters at most);
# PyYAML reads only some 40,000 characters of short list items a second, so it is bounded.
MAX_FRONT_MATTER_CHARS = 30_000
# The deepest front matter goes is a FAQ entry's topic: in the mapping, "faq", an entry, "topics".
_MAX_FRONT_MATTER_DEPTH = 10


class _NestedTooDeep(yaml.composer.ComposerError):
    """Front matter nested deeper than any needs: refused, never read leniently."""


class _FrontMatterLoader(yaml.SafeLoader):
    """PyYAML's safe loader, stopping at nesting no front matter needs, before it recurses deep."""

    depth = 0

    def compose_node(self, parent, index):
        self.depth += 1
        try:
            if self.depth > _MAX_FRONT_MATTER_DEPTH:
                raise _NestedTooDeep(
                    problem=f"lists and mappings nest more than {_MAX_FRONT_MATTER_DEPTH} deep",
                    problem_mark=self.peek_event().start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _key_name(key):
    """ "Published-At" is read as published_at."""
    return str(key).strip().lower().replace("-", "_")


def _wrong_type(key, expected):
    return ParseError(f"In the front matter, “{key}” must be {expected}.", field="front_matter")


def _text_value(key, value):
    # A number is text too: `title: 1989`.
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _wrong_type(key, "text")
    return str(value).strip()


def _kind_value(key, value):
    return _text_value(key, value).lower()


def _status_value(key, value):
    # "In review" and "in-review" are in_review.
    return "_".join(_kind_value(key, value).replace("-", " ").split())


def _bool_value(key, value):
    if not isinstance(value, bool):
        raise _wrong_type(key, "true or false")
    return value


# Names in one front-matter list (topics, places, subjects, sources, related): each is looked up.
MAX_NAMES = 50


def _names_value(key, value, example="[Alliances, Sanctions]"):
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise _wrong_type(key, f"a list of names, such as {example}")
    names = list(dict.fromkeys(name.strip() for name in names if name.strip()))
    if len(names) > MAX_NAMES:
        raise ParseError(
            f"In the front matter, “{key}” lists {len(names):,} names; it can list at most "
            f"{MAX_NAMES}. Keep the ones that matter most.",
            field="front_matter",
        )
    return names


def _addresses_value(key, value):
    return _names_value(key, value, example="[https://www.nato.int/…, https://apnews.com/…]")


def _slugs_value(key, value):
    return _names_value(key, value, example="[ukraine-peace-talks, red-sea-shipping]")


_DATETIME_EXAMPLE = "a date and time, such as 2025-10-20T07:30:00+00:00"
# A time from now, to schedule a briefing without working out the date: "in 30 days".
_FROM_NOW = re.compile(r"in\s+(\d{1,5})\s+(hour|day|week)s?", re.IGNORECASE)


_WRITTEN_DATES = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y")


def _written_date(text):
    """A date as people write it ("12 May 2026", "May 12, 2026"), or None."""
    text = " ".join(text.split()).rstrip(".")
    for pattern in _WRITTEN_DATES:
        try:
            return datetime.datetime.strptime(text, pattern).replace(tzinfo=datetime.UTC).date()
        except ValueError:
            continue
    return None


def _datetime_value(key, value):
    """An aware datetime; a date is midnight, a time without a zone is UTC, and "in 30 days"
    (or hours, weeks) is that long from now, to the second."""
    if isinstance(value, str):
        if from_now := _FROM_NOW.fullmatch(value.strip()):
            amount, unit = int(from_now[1]), from_now[2].lower()
            now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
            return now + datetime.timedelta(**{f"{unit}s": amount})
        value = _written_date(value) or value
        if isinstance(value, str):
            try:
                value = datetime.datetime.fromisoformat(value.strip())
            except ValueError:
                raise _wrong_type(key, _DATETIME_EXAMPLE) from None
    if isinstance(value, datetime.datetime):
        return value if value.tzinfo else value.replace(tzinfo=datetime.UTC)
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time(), tzinfo=datetime.UTC)
    raise _wrong_type(key, _DATETIME_EXAMPLE)


def _date_value(key, value):
    if isinstance(value, str):
        if written := _written_date(value):
            return written
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            raise _wrong_type(key, "a date, such as 2025-10-15") from None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raise _wrong_type(key, "a date, such as 2025-10-15")


def _entries_value(required, optional, example):
    """A reader for a list of entries, each a mapping with the `required` and `optional` keys.

    Both map a key to its reader. An unknown or missing key is an error, not a warning: a
    misspelt "last_reviewed" would otherwise be dropped without a word.
    """
    readers = required | optional

    def read(key, value):
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise _wrong_type(key, f"a list of entries such as {example}")
        entries = []
        for number, item in enumerate(value, start=1):
            where = f"In the front matter, {key} entry {number}"
            entry = {}
            for raw_name, raw in item.items():
                name = _key_name(raw_name)
                if name not in readers:
                    raise ParseError(
                        f"{where} has an unknown key “{raw_name}”; use {', '.join(readers)}.",
                        field="front_matter",
                    )
                if raw is not None:
                    entry[name] = readers[name](f"{key} {number}: {name}", raw)
            if missing := [name for name in required if not entry.get(name)]:
                raise ParseError(f"{where} needs “{missing[0]}”.", field="front_matter")
            entries.append(entry)
        return entries

    return read


_faq_entries_value = _entries_value(
    {"question": _text_value, "answer": _text_value},
    {"topics": _names_value, "last_reviewed_on": _date_value},
    example="[{question: Who leads?, answer: The UK and France.}]",
)


def _faq_value(key, value):
    return [ParsedFAQ(**entry) for entry in _faq_entries_value(key, value)]


_corrections_value = _entries_value(
    {"text": _text_value},
    {"kind": _kind_value, "published_at": _datetime_value},
    example="[{kind: correction, published_at: 2025-11-12T10:00:00Z, text: An earlier …}]",
)


# Front matter key: (meta key, reader). Every key is optional; what each means:
#   title, slug, type (analysis, background, explainer, reportage, opinion): the briefing's.
#   status: draft (the default), in_review, published or archived. Published without a
#     published_at is published at the time of the import.
#   featured: true to show it among the home page's featured briefings.
#   published_at: a date and time, or a time from now such as "in 30 days" to schedule it.
#   information_as_of: the date up to which its facts were checked.
#   topics, places: names (or slugs) of stored topics and places; authors: usernames.
#   subjects: names, aliases or slugs of stored actors it is about. They are pinned as its
#     subjects, which automatic linking keeps whatever the text names.
#   sources: URLs of stored sources it cites.
#   related: slugs (or titles) of briefings a reader should see next; briefings imported
#     together (`service.import_briefings`) may name each other.
#   corrections: a list of {text, kind (correction or update), published_at}.
#   faq: a list of {question, answer, topics, last_reviewed_on}, after the text's own FAQ.
# A name that matches nothing stored is left out with a warning, as for topics.
_FRONT_MATTER_KEYS = {
    "title": ("title", _text_value),
    "type": ("kind", _kind_value),
    "slug": ("slug", _text_value),
    "status": ("status", _status_value),
    "featured": ("featured", _bool_value),
    "topics": ("topics", _names_value),
    "places": ("places", _names_value),
    "authors": ("authors", _names_value),
    "subjects": ("subjects", _names_value),
    "sources": ("sources", _addresses_value),
    "related": ("related", _slugs_value),
    "published_at": ("published_at", _datetime_value),
    "information_as_of": ("information_as_of", _date_value),
    "corrections": ("corrections", _corrections_value),
    "faq": ("faq", _faq_value),
}


# Blocks ---------------------------------------------------------------------------------------


@dataclass
class _Block:
    """Lines read as one unit: a heading, paragraph, blockquote, code, or other Markdown."""

    kind: str  # heading, paragraph, blockquote, code, other (lists, tables, HTML, rules)
    lines: list[str]
    line: int  # 1-based, in the input
    level: int = 0  # headings only
    heading: str = ""  # headings only: the words
    plain: bool = False  # from plain text: lines are joined, and markup at the start escaped

    @property
    def text(self):
        return " ".join(line.strip() for line in self.lines)

    @property
    def markdown(self):
        if self.kind == "heading":
            return f"{'#' * self.level} {self.heading}"
        if self.plain:
            return _escape_block_markup(self.text)
        return "\n".join(self.lines)


# Every alternative fails at the first character that cannot continue it, so the search reads
# each character a bounded number of times whatever the text.
_MARKDOWN_SIGNS = re.compile(
    r"^ {0,3}(?:#{1,6}[ \t]+\S|>|```|~~~)"  # headings, blockquotes, code fences
    r"|\*\*[^*\n]+\*\*"  # bold
    # Links, tried only from the first "[" after a line's start or a "]": a link from any later
    # "[" before the next "]" is one from the first too, and "[[[[…" is not read from each. A
    # target stops at "](", where the next try starts, so that "[a](" repeated is read once.
    r"|(?:^|\])[^\[\]\n]*+\[[^\]\n]++\]\((?:[^)\s\]]|\](?!\())++\)"
    r"|^[ \t]*(?:[-*+]|\d{1,3}\.)[ \t]+\S.*\n[ \t]*(?:[-*+]|\d{1,3}\.)[ \t]+\S",  # 2+ list items
    re.MULTILINE,
)
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ATX_OPENING = re.compile(r" {0,3}(#{1,6})([ \t]+)")
_BLOCKQUOTE = re.compile(r" {0,3}>")
_OTHER_BLOCK = re.compile(r" {0,3}(?:[-*+][ \t]|\d{1,9}[.)][ \t]|\||<|(?:[-*_][ \t]*){3,}$)")
_INDENTED_CODE = re.compile(r" {4}|\t")


def _markdown_blocks(lines, first_line):
    """Markdown split at blank lines, headings, blockquotes and code fences; code kept whole."""
    blocks, pending, start, fence = [], [], first_line, ""

    def close():
        if pending:
            blocks.append(_markdown_block(list(pending), start))
            pending.clear()

    for number, line in enumerate(lines, start=first_line):
        if fence:
            pending.append(line)
            if _closes_fence(line, fence):
                close()
                fence = ""
            continue
        opening, heading = _FENCE.match(line), _atx_heading(line)
        starts_blockquote = _BLOCKQUOTE.match(line) and not (
            pending and _BLOCKQUOTE.match(pending[0])
        )
        if opening or heading or starts_blockquote or not line.strip():
            close()
        if not line.strip():
            continue
        if not pending:
            start = number
        pending.append(line)
        if opening:
            fence = opening.group(1)
        elif heading:
            close()
    close()
    return blocks


def _closes_fence(line, fence):
    """True for a line of at least as many of the fence's characters, and nothing else."""
    marks = line.lstrip(" ")
    if len(line) - len(marks) > 3:
        return False
    rest = marks.lstrip(fence[0])
    return len(marks) - len(rest) >= len(fence) and not rest.strip(" \t")


def _atx_heading(line):
    """(level, words) for a "## Words ##" heading line, else None.

    The words are read with string methods: a pattern whose words and closing "#"s may both
    take the spaces between them tries every split of a long run of spaces, in quadratic time.
    """
    opening = _ATX_OPENING.match(line)
    if not opening:
        return None
    level, words = len(opening[1]), line[opening.end() :].rstrip(" \t")
    if not words:
        # "#" and spaces: a heading with no words, once a space is left for them.
        return (level, "") if len(opening[2]) > 1 else None
    unclosed = words.rstrip("#")
    if unclosed != words and unclosed[-1:] in (" ", "\t") and unclosed.strip(" \t"):
        words = unclosed.rstrip(" \t")  # the closing "#"s are no part of the words
    return level, words.strip()


def _markdown_block(lines, start):
    heading = _atx_heading(lines[0])
    if heading and len(lines) == 1:
        level, words = heading
        return _Block("heading", lines, start, level=level, heading=words)
    if _FENCE.match(lines[0]) or all(_INDENTED_CODE.match(line) for line in lines):
        kind = "code"
    elif _BLOCKQUOTE.match(lines[0]):
        kind = "blockquote"
    elif _OTHER_BLOCK.match(lines[0]):
        kind = "other"
    else:
        kind = "paragraph"
    return _Block(kind, lines, start)


def _markdown_title_and_blocks(lines, first_line, front_matter_title):
    """The title, the other blocks, and the index among them of the first block after the title.

    The title is the front matter's, else the first # heading, else the first line. A heading
    repeating the front matter's title is dropped; other level-1 headings become level 2, since
    the title is the page's only level-1 heading.
    """
    blocks = _markdown_blocks(lines, first_line)
    after_title = 0
    if front_matter_title:
        title = front_matter_title
        if blocks and _is_heading(blocks[0], 1) and _same_words(blocks[0].heading, title):
            blocks = blocks[1:]
    elif h1 := next((block for block in blocks if _is_heading(block, 1)), None):
        title, after_title = _plain_text(h1.heading), blocks.index(h1)
        blocks.remove(h1)
    elif blocks and blocks[0].kind == "heading":
        title, blocks = _plain_text(blocks[0].heading), blocks[1:]
    elif blocks and blocks[0].kind == "paragraph":
        first = blocks[0]
        rest = (
            [replace(first, lines=first.lines[1:], line=first.line + 1)] if first.lines[1:] else []
        )
        title, blocks = _plain_text(first.lines[0].strip()), rest + blocks[1:]
    else:
        raise ParseError(
            "No title found: start with a title line or a “# ” heading, or give “title:” in the "
            "front matter.",
            field="title",
        )
    # The title is the page's only level-1 heading. A text whose sections are level 1 (a Word
    # document with "Heading 1" sections) has every heading moved down a level, so that the
    # headings under them stay under them; elsewhere a level-1 heading becomes a section.
    first = next((block for block in blocks if block.kind == "heading"), None)
    if first is not None and first.level == 1:
        blocks = [_deeper(block) if block.kind == "heading" else block for block in blocks]
    else:
        blocks = [_deeper(block) if _is_heading(block, 1) else block for block in blocks]
    return title, blocks, after_title


def _deeper(heading):
    # Not dataclasses.replace, which costs several times as much, here once per heading.
    level = min(heading.level + 1, 6)
    return _Block("heading", heading.lines, heading.line, level, heading.heading, heading.plain)


def _is_heading(block, level):
    return block.kind == "heading" and block.level == level


def _same_words(a, b):
    return " ".join(_plain_text(a).split()).casefold() == " ".join(b.split()).casefold()


_FINAL_PUNCTUATION = (".", ",", ";", ":", "!", "?", '"', "”", "'", "’", "…")
_DASH_START = re.compile(r"(?:—|–|--|-)\s")


def _text_title_and_blocks(lines, first_line):
    """Plain text: the first line is the title; then paragraphs, short unpunctuated ones headings.

    `lines` start with the title. The first paragraph after it is the standfirst, never a heading,
    however short.
    """
    paragraphs = _text_paragraphs(lines[1:], first_line + 1)
    blocks, in_faq = [], False
    for index, (line, paragraph) in enumerate(paragraphs):
        block = _Block("paragraph", paragraph, line, plain=True)
        last = index == len(paragraphs) - 1
        if index > 0 and (
            _is_text_heading(block, last) or (not in_faq and _is_question_heading(block, last))
        ):
            block = _Block("heading", paragraph, line, level=2, heading=block.text, plain=True)
            in_faq = in_faq or bool(_FAQ_HEADING.fullmatch(block.text))
        blocks.append(block)
    return lines[0].strip(), blocks


def _text_paragraphs(lines, first_line):
    """(line number, lines) per paragraph: blank lines part them; without any, each line is one.

    Without blank lines, a line starting with a dash stays with the line above: it attributes a
    quotation.
    """
    paragraphs, blank_before = [], True
    for number, line in enumerate(lines, start=first_line):
        if not line.strip():
            blank_before = True
            continue
        if blank_before:
            paragraphs.append((number, []))
        paragraphs[-1][1].append(line.strip())
        blank_before = False
    if len(paragraphs) != 1:
        return paragraphs
    start, only = paragraphs[0]
    paragraphs = []
    for offset, line in enumerate(only):
        if paragraphs and _DASH_START.match(line):
            paragraphs[-1][1].append(line)
        else:
            paragraphs.append((start + offset, [line]))
    return paragraphs


def _is_text_heading(block, last):
    if len(block.lines) != 1:
        return False
    text = block.text
    if _FAQ_HEADING.fullmatch(text):
        return True
    return (
        not last
        and len(text) <= 80
        and len(text.split()) <= 12
        and (text[0].isupper() or text[0].isdigit())
        and not text.endswith(_FINAL_PUNCTUATION)
        and _pull_quote(text) is None
    )


def _is_question_heading(block, last):
    """A short line alone that asks a question, outside an FAQ: "Turkey and the Straits: Friend
    or Foe?" heads a section. (In an FAQ, such a line is a question.)"""
    if len(block.lines) != 1 or last:
        return False
    text = block.text
    return (
        len(text) <= 80
        and len(text.split()) <= 12
        and text[0].isupper()
        and text.endswith("?")
        and not text.startswith(("“", '"'))
        and _pull_quote(text) is None
    )


# Lines that are about the page, not the briefing: bylines, promotion, share prompts, tag lines
# and copyright. Each is one short line, read without its Markdown emphasis.
_BYLINE = re.compile(
    r"(?:By|Written by|Words by)\s++[A-Z][\w.'’-]*+(?:\s++(?:and|&|[A-Z][\w.'’-]*+))*+"
    r"(?:,\s*+[^,]{1,60})?"
)
_PROMOTION = re.compile(
    r"(?:explore more|read more|read our|more insights|subscribe|sign up|share this|follow us|"
    r"see our|get our|download our|don[’']t miss|listen to|watch:|click here|tags:|"
    r"this (?:article|analysis) (?:was|first))",
    re.IGNORECASE,
)
_SEE_OUR = re.compile(r"\bsee our (?:guide|explainer|analysis|coverage)\b", re.IGNORECASE)
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright\b)", re.IGNORECASE)
_BOILERPLATE_KINDS = (
    (_BYLINE, "a byline", "fullmatch"),
    (_COPYRIGHT, "a copyright line", "match"),
    (_PROMOTION, "promotion or a share prompt", "match"),
    (_SEE_OUR, "promotion", "search"),
)


def _boilerplate_kind(block):
    if len(block.lines) != 1 or block.kind not in ("paragraph", "heading"):
        return None
    text = _plain_text(block.text).strip(" *_")
    if not text or len(text) > 200:
        return None
    for pattern, kind, how in _BOILERPLATE_KINDS:
        if getattr(pattern, how)(text):
            return kind
    return None


def _take_boilerplate(blocks):
    """The blocks without the lines about the page, and a warning for each, naming it: they are
    shown in the report, never silently dropped."""
    kept, warnings = [], []
    for block in blocks:
        kind = _boilerplate_kind(block)
        if kind is None:
            kept.append(block)
        else:
            warnings.append(
                f"Line {block.line}: “{block.text}” looks like {kind}; it was taken out of the text."
            )
    return kept, warnings


def _escape_block_markup(text):
    """Plain text whose start Markdown would read as a heading, list, blockquote or code fence."""
    if numbered := re.match(r"(\d+)([.)])(\s|$)", text):
        return f"{numbered[1]}\\{text[len(numbered[1]) :]}"
    return f"\\{text}" if text.startswith(("#", ">", "-", "+", "*", "`")) else text


# Each pattern's content stops at the next marker, so that none backtracks over long texts.
_INLINE_MARKUP = (
    (re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)"), r"\1"),  # links and images: their text
    (re.compile(r"\*\*([^*]+)\*\*|__([^_]+)__"), r"\1\2"),  # bold
    (re.compile(r"(?<![\w*])\*([^*\s](?:[^*]*[^*\s])?)\*(?![\w*])"), r"\1"),  # italic
    (re.compile(r"(?<![\w_])_([^_\s](?:[^_]*[^_\s])?)_(?![\w_])"), r"\1"),  # italic
    (re.compile(r"`([^`]*)`"), r"\1"),  # code
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])"), r"\1"),  # backslash escapes
)
_INLINE_MARKUP_SIGN = re.compile(r"[\[*_`\\]")  # one of these starts every pattern above


def _plain_text(markdown):
    """A title, standfirst or question without its Markdown, on one line."""
    text = " ".join(markdown.split())
    if not _INLINE_MARKUP_SIGN.search(text):
        return text  # most headings: no pattern to try
    for pattern, replacement in _INLINE_MARKUP:
        text = pattern.sub(replacement, text)
    return text


def _take_standfirst(blocks, after_title):
    """The first paragraph after the title, if it comes before any heading; and the rest."""
    for index, block in enumerate(blocks[after_title:], start=after_title):
        if block.kind == "heading":
            break
        if block.kind == "paragraph" and _pull_quote(block.text) is None:
            standfirst = block.text if block.plain else _plain_text(block.text)
            return standfirst, blocks[:index] + blocks[index + 1 :]
    return "", blocks


# The FAQ --------------------------------------------------------------------------------------

_FAQ_HEADING = re.compile(
    r"(?:frequently asked questions|faqs?|questions (?:and|&) answers|q ?(?:&|and) ?a)\s*:?",
    re.IGNORECASE,
)
_Q_PREFIX = re.compile(r"Q\s*[:.]\s*", re.IGNORECASE)
_FOOTNOTE_DEFINITION = re.compile(r" {0,3}\[\^[^\]\s]{1,50}\]:")
_A_PREFIX = re.compile(r"A\s*:\s*")
_BOLD_LINE = re.compile(r"(\*\*|__).+\1")


def _take_faq(blocks):
    """The blocks without their FAQ sections, the questions and answers, and notes on leftovers.

    A section runs from its heading to the next heading of the same or a higher level. Text in it
    that is neither question nor answer stays in the body, under the section's heading.
    """
    kept, faq, notes, index = [], [], [], 0
    while index < len(blocks):
        heading = blocks[index]
        if heading.kind != "heading" or not _FAQ_HEADING.fullmatch(_plain_text(heading.heading)):
            kept.append(heading)
            index += 1
            continue
        end = _section_end(blocks, index)
        entries, leftovers, leftover_notes, conclusion = _faq_entries(blocks[index + 1 : end])
        faq += entries
        notes += leftover_notes
        if leftovers or not entries:
            kept += [heading, *leftovers]
        # What follows the questions is the conclusion: it ends the text before the FAQ.
        kept += conclusion
        index = end
    return kept, faq, notes


def _faq_entries(blocks):
    """(entries, blocks left over, notes, conclusion) for the blocks of one FAQ section.

    Questions are the section's subheadings if it has any; otherwise paragraphs opening with a
    bold line, a "Q:" line or a line ending in "?". Each answer runs to the next question.
    """
    # Footnote definitions belong to the whole text: they end the body, in no answer.
    conclusion = [block for block in blocks if _FOOTNOTE_DEFINITION.match(block.text)]
    blocks = [block for block in blocks if not _FOOTNOTE_DEFINITION.match(block.text)]
    by_heading = any(block.kind == "heading" for block in blocks)
    # When the questions say "Q:", only those are questions: a closing line ending in "?" is not.
    q_style = not by_heading and any(
        _Q_PREFIX.match(line.strip()) for block in blocks[:1] for line in block.lines[:1]
    )
    groups = []  # [question block or None, answer blocks]
    for block in blocks:
        pieces = (
            [(block.kind == "heading", block)]
            if by_heading or block.kind != "paragraph"
            else _question_pieces(block, q_style)
        )
        for is_question, piece in pieces:
            if is_question or not groups:
                groups.append([piece if is_question else None, []])
            if not is_question:
                groups[-1][1].append(piece)
    entries, leftovers, notes, moved = [], [], [], []
    longest = _longest_question()
    if q_style and len(groups) > 1 and _answers_are_single_paragraphs(groups):
        # "Q: … A: …" entries of one paragraph each, then paragraphs with neither: the text's
        # conclusion, which ends the body.
        moved = groups[-1][1][1:]
        del groups[-1][1][1:]
        notes.append(
            (
                moved[0].line,
                f"Line {moved[0].line}: the text after the FAQ's last answer was kept as the "
                "end of the body, its conclusion.",
            )
        )
    for question, answer in groups:
        if question is not None and len(_question_text(question)) > longest:
            # Too long to be a question: a paragraph that ends in "?", such as a closing one.
            # It and its answer go back to the body; the questions after it stay questions.
            moved += [question, *answer]
            notes.append(
                (
                    question.line,
                    f"Line {question.line}: a paragraph of {len(_question_text(question)):,} "
                    f"characters ending in “?” is too long to be a question (at most {longest}); "
                    "it and the text after it up to the next question were kept at the end of "
                    "the body, not as an FAQ entry.",
                )
            )
            continue
        if question is None:
            leftovers += answer
            text = " ".join(block.text for block in answer)
            notes.append((answer[0].line, f"Text in the FAQ before its first question: {text}"))
        elif not answer:
            leftovers.append(question)
            notes.append((question.line, f"Question with no answer: {_question_text(question)}"))
        else:
            answer[0] = _without_answer_prefix(answer[0])
            markdown = "\n\n".join(block.markdown for block in answer)
            entries.append(ParsedFAQ(question=_question_text(question), answer=markdown))
    return entries, leftovers, notes, moved + conclusion


def _answers_are_single_paragraphs(groups):
    """Whether every answer but the last is one paragraph starting "A:", and the last starts
    "A:" and has more after it."""
    *before, last = groups
    starts_a = [bool(answer) and _A_PREFIX.match(answer[0].text.strip()) for _, answer in groups]
    return (
        all(starts_a)
        and all(len(answer) == 1 for _, answer in before)
        and len(last[1]) > 1
        and all(block.kind == "paragraph" for block in last[1][1:])
    )


def _longest_question():
    """The longest question an FAQ entry holds: the model's rule, read where it is kept."""
    from briefings.models import FAQEntry

    return FAQEntry._meta.get_field("question").max_length


def _question_pieces(block, q_style=False):
    """A paragraph as (is_question, block) pieces: a question line, then its answer's lines.
    `q_style`: only lines starting "Q:" are questions."""
    # Questions and answers on lines of their own with no blank line between entries: when the
    # paragraph opens with a question, each later short line ending in "?" starts an entry too.
    plain_questions = not q_style and _is_question_line(block.lines[0]) and len(block.lines) > 2
    starts = [0] + [
        index
        for index, line in enumerate(block.lines)
        if index
        and (
            _Q_PREFIX.match(line.strip())
            or (
                plain_questions
                and line.strip().endswith("?")
                and len(line.strip()) <= 200
                and not _is_question_line(block.lines[index - 1])
            )
        )
    ]
    for start, end in zip(starts, [*starts[1:], len(block.lines)], strict=True):
        first = block.lines[start]
        if _Q_PREFIX.match(first.strip()) if q_style else _is_question_line(first):
            yield True, _part(block, start, start + 1)
            start += 1
        if start < end:
            yield False, _part(block, start, end)


def _is_question_line(line):
    line = line.strip()
    return bool(
        _Q_PREFIX.match(line) or _BOLD_LINE.fullmatch(line) or line.rstrip("*_").endswith("?")
    )


def _part(block, start, end):
    # Not dataclasses.replace, which costs ten times as much, here once for every FAQ line.
    lines, line = block.lines[start:end], block.line + start
    return _Block(block.kind, lines, line, block.level, block.heading, block.plain)


def _question_text(block):
    text = block.heading if block.kind == "heading" else block.text
    text = (text if block.plain else _plain_text(text)).strip()
    prefix = _Q_PREFIX.match(text)  # only a leading "Q:", never a "q:" inside ("Iraq: now?")
    return text[prefix.end() :].strip() if prefix else text


def _without_answer_prefix(block):
    first = block.lines[0].strip() if block.kind == "paragraph" else ""
    prefix = _A_PREFIX.match(first)
    if not prefix:
        return block
    # Only the leading "A:": "Ask the CIA: it knows" keeps its "A:".
    return replace(block, lines=[first[prefix.end() :], *block.lines[1:]])


# Pull quotes ----------------------------------------------------------------------------------

_DASH = r"(?:—|–|--|-)"
_ATTRIBUTION_LINE = re.compile(rf"{_DASH}\s*+(?P<who>\S.*)")
# A quotation in quote marks, then a dash; `_pull_quote` reads who said it from what follows.
_PULL_QUOTE_OPENING = re.compile(
    r'\s*+(?:“(?P<curly>[^“”]++)”|"(?P<straight>[^"]++)")\s*+(?P<dash>—|–|--|-)'
)
_NOT_IN_ATTRIBUTION = re.compile('[\n"“”]')
_BLOCKQUOTE_MARKER = re.compile(r"^ {0,3}> ?")
_LIST_ITEM = re.compile(r"[-*+]\s")


# The heading of a section of quotes, such as the export writes.
_QUOTES_HEADING = re.compile(
    r"(?:key |selected |notable )?(?:quotes|quotations)(?: in this briefing)?"
    r"|in (?:their|his|her) (?:own )?words|what (?:they|people) (?:are )?(?:said|saying)",
    re.IGNORECASE,
)


def _take_pull_quotes(blocks):
    """The blocks with their pull quotes replaced by placeholders, the quotes, and notes on
    unreadable attributions.

    A section of quotes (a "Quotes" heading over nothing but pull quotes) goes with them: its
    quotes are the briefing's, placed nowhere.
    """
    removed, quotes, notes = set(), [], []
    for index, block in enumerate(blocks):
        quotation = _pull_quotation(block)
        if quotation is None:
            continue
        text, who = quotation
        speaker = _split_attribution(who)
        if speaker is None or not text:
            notes.append(
                (block.line, f"Quotation with an attribution that could not be read: {block.text}")
            )
            continue
        removed.add(index)
        name, attribution = speaker
        quotes.append(
            ParsedQuote(
                text=text,
                speaker=name,
                attribution=attribution,
                speaker_phrase=who,
                in_body=False,
                line=block.line,
            )
        )
    kept = [index not in removed for index in range(len(blocks))]
    unplaced = set()
    for index in reversed(range(len(blocks))):
        if blocks[index].kind != "heading":
            continue
        section = range(index + 1, _section_end(blocks, index))
        if (
            _QUOTES_HEADING.fullmatch(_plain_text(blocks[index].heading).strip())
            and any(i in removed for i in section)
            and not any(kept[i] for i in section)
        ):
            kept[index] = False
            unplaced.update(section)
    # The others stay where the author put them, as a reference the importer fills in.
    by_line = {quote.line: quote for quote in quotes}
    for index in removed - unplaced:
        by_line[blocks[index].line].placed = True
        blocks[index] = _Block(
            kind="other", lines=[placeholder(blocks[index].line)], line=blocks[index].line
        )
        kept[index] = True
    return [block for block, keep in zip(blocks, kept, strict=True) if keep], quotes, notes


def placeholder(line):
    """What the body holds, until the quote is stored, for the pull quote read on `line`."""
    return f"[quote:@{line}]"


def _section_end(blocks, index):
    level = blocks[index].level
    return next(
        (
            after
            for after in range(index + 1, len(blocks))
            if blocks[after].kind == "heading" and blocks[after].level <= level
        ),
        len(blocks),
    )


def _pull_quotation(block):
    """(quotation, attribution as written) for a stand-alone quotation with a dash attribution.

    Either a blockquote whose last line starts with a dash, or a paragraph (or blockquote) that
    is nothing but a quotation in quote marks, a dash, and who said it.
    """
    if block.kind == "blockquote":
        lines = [_BLOCKQUOTE_MARKER.sub("", line).strip() for line in block.lines]
        lines = [line for line in lines if line]
        if not lines:
            return None
        last = _ATTRIBUTION_LINE.fullmatch(lines[-1])
        a_list = _LIST_ITEM.match(lines[-1]) and len(lines) > 1 and _LIST_ITEM.match(lines[-2])
        if last and len(lines) > 1 and not a_list:
            return _unquote(" ".join(" ".join(lines[:-1]).split())), last["who"].strip()
        text = "\n".join(lines)
    elif block.kind == "paragraph":
        text = "\n".join(block.lines)
    else:
        return None
    if pull := _pull_quote(text):
        words, who = pull
        return " ".join(words.split()), who
    return None


def _pull_quote(text):
    """(quotation, who) for text that is a quotation in quote marks, a dash and who said it."""
    opening = _PULL_QUOTE_OPENING.match(text)
    if not opening:
        return None
    rest = text[opening.end() :]
    who = _attribution_after_dash(rest)
    if who is None and opening["dash"] == "--":
        who = _attribution_after_dash(f"-{rest}")  # "--" read as "-", a dash, then "-"
    if who is None:
        return None
    return opening["curly"] if opening["curly"] is not None else opening["straight"], who


def _attribution_after_dash(rest):
    """The attribution `rest` holds, on one line and without quote marks; else None.

    Trimmed with string methods: a pattern that lets both the words and the spaces after them
    take a long run of spaces tries every split of it.
    """
    who = rest.strip()
    if not who:
        # Nothing but spaces after the dash: one stands for an attribution that cannot be read,
        # so that the editor is told.
        who = rest.rstrip("\n")[-1:]
    return who if who and not _NOT_IN_ATTRIBUTION.search(who) else None


_QUOTE_PAIRS = {"“": "”", '"': '"', "„": "“", "«": "»", "‘": "’"}


def _unquote(text):
    """The text without quote marks around the whole of it."""
    closing = _QUOTE_PAIRS.get(text[:1])
    inner = text[1:-1]
    enclosed = closing and len(text) > 1 and text.endswith(closing)
    if enclosed and text[0] not in inner and closing not in inner:
        return inner.strip()
    return text


def _split_attribution(who):
    """(speaker, attribution) from "Mark Rutte, NATO chief" or "NATO chief Mark Rutte", or None."""
    speaker, comma, attribution = who.partition(",")
    if not comma:
        return _split_speaker(who)
    named = _split_speaker(speaker)
    if named is None:
        return None
    name, role = named
    attribution = _without_end_punctuation(attribution.strip())
    if attribution and len(role.split()) == 1 and role[:1].isupper():
        # "Minister Aviaja Kleist, Minister for Business": the written role says more.
        role = ""
    return name, ", ".join(part for part in (role, attribution) if part)


# Speakers -------------------------------------------------------------------------------------


def _words(text):
    """The words of `text` as a set: the word lists below read as prose."""
    return frozenset(text.split())


_ROLE_WORDS = _words(
    """adviser advisor ambassador analyst chair chairman chairperson chairwoman chancellor chief
    commander commissioner correspondent diplomat director economist editor envoy expert fellow
    general governor head king leader lawmaker mayor minister negotiator officer official premier
    president professor queen representative researcher secretary senator speaker spokesman
    spokesperson spokeswoman"""
)
# Lower-case words that may stand inside a role: "the former prime minister", "Secretary of State".
_ROLE_FILLERS = _words(
    "a an the of for acting deputy defence defense foreign former interim outgoing incoming "
    "prime senior top vice"
)
_PARTICLES = _words("al bin da das de del della der di dos du ibn la le ten ter van von zu")
_ARABIC_ARTICLE = re.compile(r"(?:al|el|ad|as|ash|at)-\w")
# Titles and ranks written before a name: not part of the actor's name (see `_split_speaker`).
_HONORIFICS = _words(
    "dr prof mr mrs ms mx sir dame lord lady gen col lt capt cdr cmdr adm amb sen rep gov rev "
    "brig maj sgt hon ing"
)
_ABBREVIATIONS = _HONORIFICS | _words("st jr sr no vs")
_PRONOUNS = _words("he she they we i it you")
_ARTICLES = _words("a an the")
# Words that open another clause, and so end a speaker phrase, whatever their case.
_CLAUSE_WORDS = _words(
    """who whom whose which that when while as on at in during after before from to adding
    according speaking then but and so also later earlier yesterday today tonight recently last
    this however meanwhile now monday tuesday wednesday thursday friday saturday sunday"""
)
_MAX_PHRASE_WORDS = 12
# A quotation this short, with no speaker, is a scare quote: "coalition of the willing".
_SCARE_QUOTE_MAX_WORDS = 4


def _split_speaker(phrase):
    """(name, attribution) from a phrase such as "NATO chief Mark Rutte"; None if it names nobody.

    The name is the run of capitalised words after the last role word ("chief"); what comes
    before it is the attribution. "Jane Doe of the Northbridge Institute" is read as name, "of",
    attribution.
    """
    tokens = phrase.split()
    if not tokens or tokens[0].lower() in _PRONOUNS:
        return None
    of = next(
        (
            index
            for index in range(1, len(tokens) - 1)
            if tokens[index] == "of"
            and _is_name_word(tokens[index - 1])
            and not _is_minor_name_word(tokens[index - 1])
        ),
        None,
    )
    named, described = (tokens[:of], tokens[of + 1 :]) if of else (tokens, [])
    start = _name_start(named)
    if start is None:
        return None
    role = " ".join(named[:start])
    if role.lower() in _ARTICLES:  # "the Kremlin"
        role = ""
    name = named[start:]
    # "Dr. Jane Roe", "Cdr. Radu Ionescu": the title is not the actor's name.
    while len(name) > 1 and name[0].rstrip(".").lower() in _HONORIFICS:
        name = name[1:]
    attribution = ", ".join(part for part in (role, " ".join(described)) if part)
    return " ".join(name), _without_end_punctuation(attribution)


def _without_end_punctuation(role):
    """ "Senior Fellow at the Institute." is the role "Senior Fellow at the Institute"."""
    return role.rstrip(" .,;:")


def _name_start(tokens):
    """Where the name begins among `tokens`, or None when they hold no name."""
    roles = [index for index, token in enumerate(tokens[:-1]) if _ends_role(token)]
    floor = roles[-1] + 1 if roles else 0
    # "Secretary of State Marco Rubio": the name is the last two words.
    limit = 2 if tokens[floor : floor + 1] in (["of"], ["for"]) else len(tokens)
    start, counted = len(tokens), 0
    while start > floor and _is_name_word(tokens[start - 1]):
        minor = _is_minor_name_word(tokens[start - 1])
        if not minor and counted == limit:
            break
        counted += not minor
        start -= 1
    return start if counted else None


def _ends_role(token):
    """A role word ("chief"), or a possessive ("NATO's"): the name comes after it."""
    return token.lower() in _ROLE_WORDS or token.endswith(("'s", "’s"))


def _is_name_word(token):
    if _ends_role(token):
        return False
    return token[:1].isupper() or token in _PARTICLES or bool(_ARABIC_ARTICLE.match(token))


def _is_minor_name_word(token):
    """Particles, honorifics and initials: part of a name, but not a name on their own."""
    return (
        token in _PARTICLES
        or token.rstrip(".").lower() in _HONORIFICS
        or bool(re.fullmatch(r"[A-Z]\.", token))
    )


def _is_abbreviation(word):
    """True for "Dr.", "J." or "U.S.", whose full stop does not end the sentence."""
    bare = word.rstrip(".")
    return bare.lower() in _ABBREVIATIONS or len(bare) == 1 or "." in bare


def _is_phrase_word(word):
    lower = word.lower()
    if not word or lower in _CLAUSE_WORDS:
        return False
    return (
        word[0].isupper()
        or _ends_role(word)
        or lower in _ROLE_FILLERS
        or lower in _PRONOUNS
        or _is_name_word(word)
    )


def _describes_role(word, following):
    """A lower-case word before a role word: "shipping" in "shipping analyst Lena Brandt"."""
    if not word.isalpha() or word.lower() in _CLAUSE_WORDS:
        return False
    return any(_ends_role(token.strip("*_,;:")) for token in following)


def _phrase_after(text):
    """The speaker phrase `text` starts with: "NATO chief Mark Rutte" of "… Rutte on Tuesday."."""
    words = []
    tokens = text.split()[:_MAX_PHRASE_WORDS]
    for index, token in enumerate(tokens):
        word = token.strip("*_")
        core = word.rstrip(",;:!?)")
        if core.endswith(".") and not _is_abbreviation(core):
            core = core.rstrip(".")
        if not (_is_phrase_word(core) or _describes_role(core, tokens[index + 1 : index + 4])):
            break
        words.append(core)
        if core != word:  # punctuation ends the phrase
            break
    return " ".join(words)


def _phrase_before(text):
    """The words of the speaker phrase `text` ends with: "Mark Rutte" of "On Tuesday Mark Rutte"."""
    words = []
    for token in reversed(text.split()[-_MAX_PHRASE_WORDS:]):
        word = token.strip("*_")
        ends_clause = word.endswith((",", ";", ":", "!", "?", ")"))
        if ends_clause or (word.endswith(".") and not _is_abbreviation(word)):
            break
        if not _is_phrase_word(word):
            break
        words.append(word)
    return words[::-1]


# Quotes in prose ------------------------------------------------------------------------------

_SPEECH_VERBS = _words(
    """said says stated states told tells added adds warned warns argued argues noted notes asked
    asks explained explains insisted insists wrote writes declared declares replied replies
    stressed stresses claimed claims cautioned recalled observed remarked acknowledged admitted
    concluded suggested emphasised emphasized continued"""
)
_QUOTATION = re.compile(r'“[^“”]*”|"[^"]*"')
_AFTER_QUOTATION = re.compile(r"[*_]*(,?)\s*")
_VERB_AND_COLON = re.compile(
    rf"(?<!\S)(?:{'|'.join(sorted(_SPEECH_VERBS))})(?:\s+[^\s:“”\"]+){{0,4}}\s*:[*_\s]*$"
)
# "said in a televised address that “…”": at most five words between the verb and "that".
_VERB_AND_THAT = re.compile(
    rf"(?<!\S)(?:{'|'.join(sorted(_SPEECH_VERBS))})(?:\s+[^\s:“”\"]+){{0,5}}?\s+that[*_\s]*$"
)


def _inline_quotes(block):
    """Quotes in a paragraph's sentences, which stay in the body, and notes on unattributed ones.

    Code, links and HTML are not searched.
    """
    source = "\n".join(block.lines)
    quotes, notes = [], []
    if '"' not in source and "“" not in source:
        return quotes, notes  # most paragraphs: no quotation to look for
    prose = markdown_prose(source)
    line, counted = block.line, 0  # lines counted up to the previous quotation, not from the top
    last_end = 0  # where the last quote found ends
    for quotation in _QUOTATION.finditer(prose):
        words = " ".join(source[quotation.start() + 1 : quotation.end() - 1].split())
        line += prose.count("\n", counted, quotation.start())
        counted = quotation.start()
        phrase = _speaker_after(prose, quotation)
        appositive, split = "", _split_speaker
        if phrase is not None:
            words = words.removesuffix(",").rstrip()
            appositive = _appositive(prose, quotation.end(), phrase)
        else:
            phrase = _speaker_before(prose, quotation)
            # "Prof. Jane Roe, an economist, said:" names the speaker, then the role.
            split = _split_attribution
        if phrase is None and (same := _continued(prose, quotation, quotes, words, last_end)):
            # “…,” said Jean Mukendi, a director. “Every tonne refined here stays here.”: the
            # sentence after an attributed quotation, quoted on its own, is the same speaker's.
            quotes.append(replace(same, text=words, line=line))
            last_end = quotation.end()
            continue
        if phrase is None:
            if len(words.split()) > _SCARE_QUOTE_MAX_WORDS:
                notes.append((line, f"Quotation with no recognised speaker: “{words}”"))
            continue
        speaker = split(phrase)
        if speaker is None:
            notes.append((line, f"Quote with no named speaker: “{words}”"))
            continue
        name, attribution = speaker
        if appositive:
            # "Minister Lars Holm, Denmark's minister for industry": the written role says more.
            title_only = len(attribution.split()) == 1 and attribution[:1].isupper()
            attribution = (
                appositive
                if title_only
                else ", ".join(part for part in (attribution, appositive) if part)
            )
            phrase = f"{phrase}, {appositive}"
        quotes.append(
            ParsedQuote(
                text=words,
                speaker=name,
                attribution=attribution,
                speaker_phrase=phrase,
                in_body=True,
                line=line,
            )
        )
        last_end = quotation.end()
    return quotes, notes


def _continued(prose, quotation, quotes, words, last_end):
    """The quote a quotation continues: the paragraph's previous one, when this quotation is a
    whole sentence of its own that follows the sentence attributing the previous one."""
    if not quotes or not words.endswith((".", "!", "?", "…")):
        return None
    previous = quotes[-1]
    before = prose[: quotation.start()].rstrip()
    gap = prose[last_end : quotation.start()]
    if not before.endswith((".", "!", "?")) or len(gap) > 300 or '"' in gap or "“" in gap:
        return None
    return previous


# After “…,” said Jane Roe: the role written after a comma, up to the end of the sentence.
_APPOSITIVE = re.compile(
    # A footnote reference may follow the full stop: "…, a researcher at the Institute.[^2]"
    r",[ \t]++(?P<role>[^.;:“”\"\n]{3,200}+)(?=\.(?:\[\^[^\]\s]{1,50}\])?(?:\s|$)|;|$)"
)
_NOT_A_ROLE = _words("who which that whose whom adding according as when while where")
_OCCASION_WORDS = _words("at in during on speaking writing after before when while last this told")


def _appositive(prose, after_quotation, phrase):
    """ "a spokeswoman for the ministry" in “…,” said Marta Nowak, a spokeswoman for the
    ministry. — the role written after the speaker's name, or ""."""
    last_word = phrase.split()[-1] if phrase else ""
    rest = prose[after_quotation : after_quotation + 400]
    at = rest.find(last_word + ",")
    if not last_word or at < 0:
        return ""
    match = _APPOSITIVE.match(rest, at + len(last_word))
    if not match:
        return ""
    parts = [part.strip() for part in match["role"].split(",")]
    first = parts[0].split()[0] if parts[0] else ""
    if not first or first.lower() in _NOT_A_ROLE or not (first.islower() or _ends_role(first)):
        return ""
    # ", at a conference in Riga", ", in an interview": where it was said, not who said it.
    role = []
    for part in parts:
        if role and part.split()[:1] and part.split()[0].lower() in _OCCASION_WORDS:
            break
        role.append(part)
    return ", ".join(role)


def _speaker_after(prose, quotation):
    """The speaker phrase of “…,” said X or “…,” X said; None if no such clause follows."""
    words = prose[quotation.start() + 1 : quotation.end() - 1].rstrip()
    rest = prose[quotation.end() : quotation.end() + 400]
    lead = _AFTER_QUOTATION.match(rest)
    if not (lead[1] or words.endswith((",", "?", "!", "…", "—", "–"))):
        return None
    # The words looked at, and what follows them unsplit.
    tokens = rest[lead.end() :].split(maxsplit=_MAX_PHRASE_WORDS + 1)
    verb = next(
        (
            index
            for index, token in enumerate(tokens[: _MAX_PHRASE_WORDS + 1])
            if token.strip("*_").rstrip(".,;:!?") in _SPEECH_VERBS
        ),
        None,
    )
    if verb == 0:
        return _phrase_after(" ".join(tokens[1:]))
    phrase = _phrase_before(" ".join(tokens[:verb])) if verb else []
    # Every word between the quotation and the verb must belong to the phrase.
    return " ".join(phrase) if verb and len(phrase) == verb else None


def _speaker_before(prose, quotation):
    """The speaker phrase of X said: “…” (or X said in an interview that “…”, or X, a role,
    said: “…”); None if the quotation is not introduced that way."""
    start = quotation.start()
    floor = max(0, start - 400)
    end = start
    # Most quotations follow no colon or "that", and need no search for the verb before one.
    while end > floor and (prose[end - 1] in "*_" or prose[end - 1].isspace()):
        end -= 1
    if end == floor:
        return None
    if prose[end - 1] == ":":
        pattern = _VERB_AND_COLON
    elif prose[max(floor, end - 5) : end] in (" that", "\nthat"):
        pattern = _VERB_AND_THAT
    else:
        return None
    before = prose[floor:start]
    # No quote mark comes between the verb and the colon: the search starts after the last one.
    after_quotes = max(before.rfind(mark) for mark in '“”"') + 1
    said = pattern.search(before, after_quotes)
    if not said:
        return None
    head = before[: said.start()].rstrip()
    words = _phrase_before(head)
    if not words and head.endswith(","):
        # "Prof. Jane Roe, an economist at the Institute, said:": the name, then its role.
        named, comma, role = head[:-1].rpartition(",")
        role = role.strip()
        if comma and role[:1].islower() and len(role) <= 200:
            words = _phrase_before(named)
            if words:
                return f"{' '.join(words)}, {role}"
    return " ".join(words)
