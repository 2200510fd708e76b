"""The importer against the corpus: articles written for this project in the shapes real ones
come in (tests/importer/corpus/README.md), each with the structure an editor would expect.

What is checked here is what the importer already gets right for every article: it never
refuses one; it finds each title, standfirst and section heading, in order; and it takes the
lines about the page (bylines, promotion, copyright) out of the body and reports each. Quotes,
FAQ entries, actors and places are to be checked as the importer learns them (issue 17).
"""

import re
from pathlib import Path

import pytest
import yaml

from briefings.importer.parse import parse

CORPUS = Path(__file__).parent / "corpus"
ARTICLES = sorted(
    path for path in CORPUS.iterdir() if path.suffix in (".txt", ".md") and path.stem != "README"
)


def _plain(markdown):
    return re.sub(r"[*_]", "", markdown)


def expected(article):
    return yaml.safe_load(article.with_suffix(".expected.yaml").read_text())


def test_the_corpus_holds_at_least_twenty_articles_each_with_its_expected_structure():
    assert len(ARTICLES) >= 20
    assert all(article.with_suffix(".expected.yaml").exists() for article in ARTICLES)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda path: path.name)
def test_every_article_is_read_with_its_title_and_sections(article):
    want = expected(article)

    parsed = parse(article.read_bytes().decode())

    assert parsed.title == want["title"]
    headings = re.findall(r"^#{2,6} (.+)$", parsed.body, flags=re.MULTILINE)
    assert headings == (want.get("sections") or [])
    assert parsed.standfirst == _plain(want["standfirst"])


@pytest.mark.parametrize("article", ARTICLES, ids=lambda path: path.name)
def test_bylines_promotion_and_copyright_leave_the_body_and_are_reported(article):
    want = expected(article).get("boilerplate") or []

    parsed = parse(article.read_bytes().decode())

    reported = [warning for warning in parsed.warnings if "taken out of the text" in warning]
    assert len(reported) == len(want)
    for line in want:
        assert any(f"“{line}”" in warning for warning in reported), line
        assert line not in parsed.body
