"""The one Markdown renderer: Markdown in, sanitised HTML out, used on save for every Markdown field.

Any text up to its field's limit renders in bounded time. Python-Markdown reads some constructs
in time that grows with the square of their length (a run of "[", a link target that never
closes, thousands of headings in one block) or recurses once per level of nesting ("1. 1. 1. …").
The renderer bounds each before it can cost more than a few milliseconds:

- `_Bounds` rewrites the lines first: nesting deeper than `MAX_NESTING` lists and quotes is
  written out as text, indentation past that depth is cut, and the one-line blocks Python-Markdown
  would otherwise split off a long block one at a time (headings, rules, reference and footnote
  definitions) get the blank lines that make each a block of its own (which changes nothing).
- Links are looked for at most `LINK_SPAN` characters ahead, and link parsing in all may read
  `LINK_WORK` characters per text; past that, brackets stay brackets.
- Anything that still recurses too deep is shown as plain paragraphs rather than failing.
"""

import bisect
import functools
import html
import re
from typing import NamedTuple
from urllib.parse import urlsplit
from xml.etree import ElementTree as etree

import markdown
import nh3
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from markdown import inlinepatterns
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from briefings.text import clean_text

EXTERNAL_REL = "nofollow noopener"

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "img", "li", "ol", "p", "pre", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "rel", "class"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "code": {"class"},
    "div": {"class", "data-quote"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align"},
    "*": {"id"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def is_external(href):
    """True for links that leave the site: absolute http(s) URLs and protocol-relative ones.

    Reads the link as a browser would: control characters and spaces are dropped and a
    backslash counts as a slash, so `/\\evil.example` is external too.
    """
    parts = urlsplit(re.sub(r"[\x00-\x20]", "", href).replace("\\", "/"))
    return bool(parts.netloc) or parts.scheme in ("http", "https")


class _ExternalLinks(Treeprocessor):
    def run(self, root):
        for link in root.iter("a"):
            if is_external(link.get("href", "")):
                link.set("rel", EXTERNAL_REL)


class _NoPageTitles(Treeprocessor):
    """The page prints its own title as the one h1; a `# heading` in the text becomes an h2."""

    def run(self, root):
        for heading in root.iter("h1"):
            heading.tag = "h2"


# What any text may hold; past these, the text is shown as plain paragraphs (see `Renderer`).
MAX_BLOCKS = 2_000  # paragraphs, headings, list items, table rows, quoted lines
MAX_PIECES = 8_000  # blocks, pieces of inline text (weighing 3) and inline matches
# Bounds that leave the rest of the text rendered.
MAX_NESTING = 8  # lists and block quotes inside one another
MAX_INDENT = 4 * (MAX_NESTING + 1)  # columns of indentation that still mean something
LINK_SPAN = 2_000  # characters a link's text, or its target and title, may span
LINK_BRACKETS = 32  # brackets a link's text may hold
LINK_WORK = 200_000  # characters link parsing may read in one text
FOOTNOTE_REFERENCES = 20  # references to one footnote; more stay as written


class TooIntricate(Exception):
    """The text holds more than `MAX_BLOCKS` blocks or `MAX_PIECES` pieces; says which."""


_INDENT = re.compile(r" *+")
# One container marker at the start of what is left of a line: a quote, a bullet, a number.
_CONTAINER = re.compile(
    r" *+(?:(?P<quote>>)|\d{1,9}+(?P<number>[.)])(?= |$)|(?P<bullet>[-*+])(?= |$))"
)
# As Python-Markdown reads them: a heading or an underline starts in the first column.
_ATX_HEADING = re.compile(r"#")
_SETEXT_UNDERLINE = re.compile(r"(?:=++|-++) *+$")
_RULE = re.compile(r" {0,3}+(?:(?:\* *+){3,}+|(?:- *+){3,}+|(?:_ *+){3,}+)$")
_DEFINITION = re.compile(r" {0,3}+\[[^\]\n]{1,999}+\]:")
# A line that may start a block of its own even without a blank line before it.
_STARTS = re.compile(r" *+(?:[-*+>#|=\[]|\d{1,9}[.)])")


def _nesting_capped(line):
    """`line` with container markers past `MAX_NESTING` escaped, so they read as text."""
    position = 0
    for depth in range(MAX_NESTING + 1):
        marker = _CONTAINER.match(line, position)
        if not marker:
            return line
        if depth == MAX_NESTING:
            start = marker.start(marker.lastgroup)
            return f"{line[:start]}\\{line[start:]}"
        position = marker.end()
    return line


def _count_blocks(lines):
    return sum(
        1
        for index, line in enumerate(lines)
        if line.strip() and (not index or not lines[index - 1].strip() or _STARTS.match(line))
    )


class _Bounds(Preprocessor):
    """Counts the blocks, bounds nesting and indentation, and gives one-line blocks (headings,
    rules, definitions) a block of their own: Python-Markdown would otherwise split them off a
    long block one at a time, copying the rest each time."""

    def run(self, lines):
        if _count_blocks(lines) > MAX_BLOCKS:
            raise TooIntricate(
                f"This text has more than {MAX_BLOCKS:,} blocks (paragraphs, headings, list "
                "items, table rows, quoted lines), more than a page can show. Join short "
                "paragraphs or split it into several texts."
            )
        out = []
        for index, line in enumerate(lines):
            indent = _INDENT.match(line).end()
            if indent > MAX_INDENT:
                line = line[indent - MAX_INDENT :]
            line = _nesting_capped(line)
            previous = out[-1] if out else ""
            if indent < 4 and line:
                starts_block = _ATX_HEADING.match(line) or _DEFINITION.match(line)
                ends_block = (
                    _ATX_HEADING.match(line)
                    or _RULE.match(line)
                    or (previous.strip() and _SETEXT_UNDERLINE.match(line))
                )
                if starts_block and previous.strip():
                    out.append("")
                out.append(line)
                if ends_block and index + 1 < len(lines) and lines[index + 1].strip():
                    out.append("")
                continue
            out.append(line)
        return out


_FENCE_OPENER = re.compile(r"(?P<fence>`{3,}+|~{3,}+)(?P<info>.*)")
_PLAIN_INFO = re.compile(r" *+\.?[\w#.+-]*+ *+")


class _Fences(Preprocessor):
    """Leaves a fence opener only where Python-Markdown will find its closer.

    Its fenced-code pattern looks for the closer of every opener to the end of the text, so a
    text of unclosed openers costs the square of its length. Here, in one pass, an opener
    with no closer after it, or with an info string other than a language name, gets a space
    in front: it is then a line of text, as it would have been shown anyway.
    """

    def run(self, lines):
        closers = {}
        for index, line in enumerate(lines):
            fence = _FENCE_OPENER.fullmatch(line.rstrip(" "))
            if fence and not fence.group("info"):
                closers.setdefault(fence.group("fence"), []).append(index)
        out, skip_to = [], -1
        for index, line in enumerate(lines):
            opener = _FENCE_OPENER.match(line) if index > skip_to else None
            if opener:
                found = closers.get(opener.group("fence"), [])
                after = bisect.bisect_right(found, index)
                if after < len(found) and _PLAIN_INFO.fullmatch(opener.group("info")):
                    skip_to = found[after]
                else:
                    line = " " + line
            out.append(line)
        return out


def _spend(md, pieces):
    md.pieces += pieces
    if md.pieces > MAX_PIECES:
        raise TooIntricate(
            "This text has more formatting than a page can show (links, emphasis, footnotes, "
            "table cells, list items and paragraphs count). Simplify it or split it into "
            "several texts."
        )


class _CountBlocks(BlockProcessor):
    """Asked first about every block, at every depth: counts it and never takes it."""

    def test(self, parent, block):
        _spend(self.parser.md, 1)
        return False


# A quote placed in the body: "[quote:42]" alone in its paragraph, 42 being the quote's id.
QUOTE_REFERENCE = re.compile(r"\[quote:(\d{1,12})\]")
# What the renderer makes of it: an empty slot that the reader page fills with the quote's card
# (`place_quotes`), and that the API's `body_html` keeps for clients to fill.
QUOTE_SLOT = re.compile(r'<div class="quote-slot" data-quote="(\d{1,12})"></div>')


def quote_reference(pk):
    """The Markdown that places quote `pk` in a body."""
    return f"[quote:{pk}]"


def placed_quotes(body_html):
    """The ids of the quotes a rendered body places, in order, each once."""
    return list(dict.fromkeys(int(pk) for pk in QUOTE_SLOT.findall(body_html)))


def place_quotes(body_html, render):
    """`body_html` with each quote slot replaced by `render(pk)`; a slot `render` returns None for
    (a quote that is not the briefing's), or a quote's second slot, is left out. Returns (html,
    ids of the quotes placed)."""
    placed = []

    def fill(match):
        pk = int(match.group(1))
        if pk in placed:
            return ""  # a quote is shown once, where the body first places it
        card = render(pk)
        if card is None:
            return ""
        placed.append(pk)
        return card

    return QUOTE_SLOT.sub(fill, body_html), placed


class _QuoteSlots(BlockProcessor):
    """A paragraph that is nothing but "[quote:42]" becomes quote 42's slot: at the top level
    only, since a card does not fit in a list or a block quote."""

    def test(self, parent, block):
        at_top = parent is getattr(self.parser, "root", None)
        return at_top and QUOTE_REFERENCE.fullmatch(block.strip()) is not None

    def run(self, parent, blocks):
        pk = QUOTE_REFERENCE.fullmatch(blocks.pop(0).strip()).group(1)
        etree.SubElement(parent, "div", {"class": "quote-slot", "data-quote": pk})


class _CountTexts(inlinepatterns.InlineProcessor):
    """Asked first about every piece of inline text: counts it and never matches."""

    def getCompiledRegExp(self):
        _spend(self.md, 3)  # each piece is searched by every inline pattern
        return super().getCompiledRegExp()


def _counting(md, handle_match):
    """`handle_match`, counting each call as a piece, and as more in a long text: each match
    copies the text it is found in."""

    def counted(match, *args):
        _spend(md, 1 + len(match.string) // 4096)
        return handle_match(match, *args)

    return counted


_BRACKET = re.compile(r"[\[\]]")


class _BoundedLinks:
    """Link parsing that reads at most `LINK_SPAN` characters ahead and `LINK_WORK` in all.

    Mixed into each of Python-Markdown's link, image and reference processors; their results
    are unchanged for any link shorter than the span.
    """

    def _afford(self, characters):
        self.md.link_work += characters
        return self.md.link_work <= LINK_WORK

    def getText(self, data, index):
        if not self._afford(LINK_BRACKETS):
            return "", index, False
        depth = 1
        for seen, bracket in enumerate(_BRACKET.finditer(data, index, index + LINK_SPAN)):
            if seen == LINK_BRACKETS:
                break
            depth += 1 if bracket.group(0) == "[" else -1
            if depth == 0:
                return data[index : bracket.start()], bracket.end(), True
        return "", index, False

    def getLink(self, data, index):
        window = data[index : index + LINK_SPAN]
        if not self._afford(len(window)):
            return "", None, index, False
        href, title, end, handled = super().getLink(window, 0)
        return href, title, index + end, handled

    def evalId(self, data, index, text):
        if not self._afford(LINK_BRACKETS):
            return None, index, False
        id, end, handled = super().evalId(data[index : index + LINK_SPAN], 0, text)
        return id, index + end, handled


_LINK_PROCESSORS = [
    ("reference", inlinepatterns.ReferenceInlineProcessor, inlinepatterns.REFERENCE_RE, 170),
    ("link", inlinepatterns.LinkInlineProcessor, inlinepatterns.LINK_RE, 160),
    ("image_link", inlinepatterns.ImageInlineProcessor, inlinepatterns.IMAGE_LINK_RE, 150),
    (
        "image_reference",
        inlinepatterns.ImageReferenceInlineProcessor,
        inlinepatterns.IMAGE_REFERENCE_RE,
        140,
    ),
    (
        "short_reference",
        inlinepatterns.ShortReferenceInlineProcessor,
        inlinepatterns.REFERENCE_RE,
        130,
    ),
    (
        "short_image_ref",
        inlinepatterns.ShortImageReferenceInlineProcessor,
        inlinepatterns.IMAGE_REFERENCE_RE,
        125,
    ),
]
# The footnotes extension's "[^label]", with the label bounded so that a run of "[^" is linear.
_FOOTNOTE_REFERENCE = re.compile(r"\[\^([^\]]{0,200}+)\]", re.DOTALL | re.UNICODE)


def _bounded_footnotes(md):
    """Footnote references with a bounded label, at most `FOOTNOTE_REFERENCES` per footnote
    (Python-Markdown numbers each repeat by walking all the earlier ones)."""
    pattern = md.inlinePatterns["footnote"]
    pattern.compiled_re = _FOOTNOTE_REFERENCE
    handle_match = pattern.handleMatch

    def bounded(match, data):
        seen = md.footnote_references
        seen[match.group(1)] = seen.get(match.group(1), 0) + 1
        if seen[match.group(1)] > FOOTNOTE_REFERENCES:
            return None, None, None
        return handle_match(match, data)

    pattern.handleMatch = bounded


class _SiteRules(Extension):
    """Raw HTML is shown as text, external links are marked nofollow/noopener, no h1, and
    every construct bounded as the module docstring says."""

    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # Before fenced code (25) looks for them.
        md.preprocessors.register(_Fences(md), "fences", 26)
        # After fenced code has set code blocks aside, so their lines are left alone.
        md.preprocessors.register(_Bounds(md), "bounds", 24)
        for name, processor, pattern, priority in _LINK_PROCESSORS:
            bounded = type(f"Bounded{processor.__name__}", (_BoundedLinks, processor), {})
            md.inlinePatterns.register(bounded(pattern, md), name, priority)
        md.parser.blockprocessors.register(_CountBlocks(md.parser), "count_blocks", 1000)
        md.inlinePatterns.register(_CountTexts(r"(?!)", md), "count_texts", 1000)
        # Before paragraphs (10) take it.
        md.parser.blockprocessors.register(_QuoteSlots(md.parser), "quote_slots", 15)
        md.treeprocessors.register(_ExternalLinks(md), "external_links", 0)
        # Before the table of contents (priority 5) reads the heading levels.
        md.treeprocessors.register(_NoPageTitles(md), "no_page_titles", 30)


def _keep_safe_rel(tag, attribute, value):
    # Only the renderer sets rel; any other value is dropped.
    if attribute == "rel" and value != EXTERNAL_REL:
        return None
    return value


def _markdown():
    md = markdown.Markdown(
        extensions=["tables", "fenced_code", "footnotes", "sane_lists", "toc", _SiteRules()],
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )
    _bounded_footnotes(md)
    for pattern in md.inlinePatterns:
        pattern.handleMatch = _counting(md, pattern.handleMatch)
    return md


def _as_paragraphs(text):
    """`text` as escaped paragraphs: what is shown when Markdown cannot read it."""
    return "".join(
        f"<p>{html.escape(paragraph.strip())}</p>"
        for paragraph in re.split(r"\n\s*\n", text)
        if paragraph.strip()
    )


def _sanitise(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        attribute_filter=_keep_safe_rel,
        strip_comments=True,
    )


def _flatten_toc(tokens):
    for token in tokens:
        yield {"id": token["id"], "title": html.unescape(token["name"]), "level": token["level"]}
        yield from _flatten_toc(token["children"])


class Renderer:
    """Renders text after text with one Markdown instance, reset in between.

    Building the instance costs about as much as rendering a short text, so bulk work (the
    corpus generator) keeps one; the output is the same as `render_markdown_with_toc`'s.

    A text past `MAX_BLOCKS` or `MAX_PIECES` is shown as escaped plain paragraphs, at once, and
    `problem` then says why (None after a text rendered in full): saving such a text is refused
    by `validate_markdown`, but a preview or an import still shows something.
    """

    def __init__(self):
        self.md = _markdown()
        self.problem = None

    def __call__(self, text):
        """Sanitised HTML and the table of contents: [{"id", "title", "level"}] per heading."""
        self.problem = None
        if not text:
            return "", []
        self.md.reset()
        self.md.link_work = self.md.pieces = 0
        self.md.footnote_references = {}
        try:
            rendered = _sanitise(self.md.convert(text))
        except (TooIntricate, RecursionError) as error:
            # RecursionError: not reached by any construct we know of; a safety net.
            self.md = _markdown()
            self.problem = str(error) if isinstance(error, TooIntricate) else _TOO_DEEP
            return _sanitise(_as_paragraphs(text)), []
        return rendered, list(_flatten_toc(self.md.toc_tokens))


_TOO_DEEP = "This text nests lists or quotes too deeply to show. Flatten it."


class Rendered(NamedTuple):
    html: str
    toc: list
    problem: str | None  # why the text is shown as plain paragraphs, or None


@functools.lru_cache(maxsize=16)
def rendered(text):
    """`text` rendered, kept for the next few calls: a save validates, then stores, the same text."""
    renderer = Renderer()
    html, toc = renderer(text)
    return Rendered(html, toc, renderer.problem)


def render_markdown_with_toc(text):
    """Sanitised HTML and the table of contents: [{"id", "title", "level"}] for each heading."""
    html, toc, _ = rendered(text)
    return html, [dict(entry) for entry in toc]


def render_markdown(text):
    """Render Markdown (tables, fenced code, footnotes, heading ids) to sanitised HTML."""
    return rendered(text).html


@deconstructible
class MarkdownValidator:
    """Refuses a text the renderer can only show as plain paragraphs, saying why.

    A text over `limit` characters is left to the field's length check, which says so first;
    rendering it would be work for nothing.
    """

    def __init__(self, limit):
        self.limit = limit

    def __call__(self, value):
        # The API validates what it was sent, before the field cleans it (`clean_text`).
        value = clean_text(value or "")
        if value and len(value) <= self.limit:
            problem = rendered(value).problem
            if problem:
                raise ValidationError(problem, code="too_intricate")

    def __eq__(self, other):
        return isinstance(other, MarkdownValidator) and other.limit == self.limit
