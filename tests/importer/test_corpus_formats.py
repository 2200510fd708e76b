"""The importer against the corpus's saved web pages and Word documents (corpus/README.md).

The set-up builds each page from html_sources/ (its body wrapped in navigation, banners, ads,
share widgets, related links and a footer) and each document from docx_sources/ (Word styles,
real hyperlinks and footnotes), with the builders in corpus_counts.py; the importer converts
them (`to_markdown`) and reads the result (`parse`). Each must come out as the article alone:
its title, standfirst and sections, its footnotes, links and lists, its page metadata, and no
trace of the page around it.
"""

import re

import pytest

from briefings.importer.formats import to_markdown
from briefings.importer.parse import parse
from tests.importer.corpus_counts import article_bytes, article_names, expected, headings

ARTICLES = [name for name in article_names() if name.endswith((".html", ".docx"))]
PAGES = [name for name in ARTICLES if name.endswith(".html")]
COUNTED = ("footnotes", "links", "lists", "tables")

_FOOTNOTE = re.compile(r"^\[\^([^\]]+)\]:", re.MULTILINE)
_LINK = re.compile(r"(?<!!)\[(?!\^)[^\]]+\]\([^)\s]+\)")
_LIST_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])\s")


def _plain(markdown):
    return re.sub(r"[*_]", "", markdown)


def imported(name):
    return parse(to_markdown(article_bytes(name), name))


def kept(body, what):
    """How many footnotes, links, lists or tables the body's Markdown holds."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", body) if block.strip()]
    if what == "footnotes":
        return len(_FOOTNOTE.findall(body))
    if what == "links":
        return len(_LINK.findall(body))
    if what == "lists":
        return sum(1 for block in blocks if _LIST_ITEM.match(block))
    return sum(1 for block in blocks if block.startswith("|"))


@pytest.mark.parametrize("name", ARTICLES)
def test_every_page_and_document_is_read_with_its_title_standfirst_and_sections(name):
    want = expected(name)

    parsed = imported(name)

    assert parsed.title == want["title"]
    assert parsed.standfirst == _plain(want["standfirst"])
    assert headings(parsed.body) == (want.get("sections") or [])


@pytest.mark.parametrize("name", PAGES)
def test_nothing_from_the_page_around_an_article_ends_up_in_it(name):
    parsed = imported(name)

    readable = [parsed.title, parsed.standfirst, parsed.body]
    readable += [f"{quote.text} {quote.speaker} {quote.attribution}" for quote in parsed.quotes]
    readable += [f"{entry.question} {entry.answer}" for entry in parsed.faq]
    for chrome in expected(name)["absent"]:
        assert not any(chrome in text for text in readable), chrome


@pytest.mark.parametrize(
    "name", [name for name in ARTICLES if any(key in expected(name) for key in COUNTED)]
)
def test_footnotes_links_and_lists_survive_the_conversion(name):
    want = expected(name)

    body = imported(name).body

    found = {what: kept(body, what) for what in COUNTED if what in want}
    assert found == {what: want[what] for what in found}
    references = {f"[^{label}]" for label in _FOOTNOTE.findall(body)}
    assert all(body.count(reference) >= 2 for reference in references), "note never cited"


@pytest.mark.parametrize("name", [name for name in ARTICLES if expected(name).get("meta")])
def test_a_page_gives_its_authors_and_date(name):
    want = expected(name)["meta"]

    meta = imported(name).meta

    if "authors" in want:
        assert meta.get("authors") == want["authors"]
    if "published_at" in want:
        assert meta["published_at"].date().isoformat() == want["published_at"]


@pytest.mark.parametrize("name", ARTICLES)
def test_bylines_promotion_and_copyright_in_pages_and_documents_are_reported(name):
    want = expected(name).get("boilerplate") or []

    parsed = imported(name)

    reported = [warning for warning in parsed.warnings if "taken out of the text" in warning]
    assert len(reported) == len(want)
    for line in want:
        assert any(f"“{line}”" in warning for warning in reported), line
        assert line not in parsed.body
