"""The whole corpus imported (as previews) against a knowledge base, counted against expected.

Every article is read as an editor would upload it, and imported with `commit=False` against a
knowledge base that knows every country and the other places the corpus names, and the real
organisations it names (`corpus_counts.KNOWN_ACTORS`); its invented people and organisations are
for the importer to find, as quoted speakers or as candidates for new actors.

Sections and page boilerplate must come out exactly. Quotes, FAQ entries, actors and places are
counted over the whole corpus (`python -m tests.importer.corpus_counts --import` prints the same
table) and must stay at or above the floors below, which are what the importer reaches today
less a margin of an article or two: a change that makes the importer worse fails here.
"""

import pytest
from django.db import transaction

from tests.importer.corpus_counts import expected, import_corpus, knowledge_base, table, totals

# The share of the expected items each count must reach, over the whole corpus.
# Today: quotes 67/67, speakers 67/67, roles 66/67, FAQ 41/41, actors 161/168, places 312/322.
FLOORS = {
    ("quotes", "found"): 0.97,
    ("quotes", "speaker"): 0.97,
    ("quotes", "role"): 0.95,
    ("faq", "found"): 0.95,
    ("faq", "answers"): 0.95,
    ("actors", "found"): 0.94,
    ("places", "found"): 0.95,
}
# At most this share of what is listed may be unexpected: candidates for new actors that are
# no actor, places the text does not name.
EXTRA_CEILINGS = {"actors": 0.05, "places": 0.05}


_COUNTED = {}  # the corpus is imported once for all the tests below


@pytest.fixture
def rows(db):
    if "rows" not in _COUNTED:
        with transaction.atomic():
            knowledge_base()
            _COUNTED["rows"] = import_corpus()
            transaction.set_rollback(True)
    return _COUNTED["rows"]


def test_no_corpus_article_is_refused(rows):
    assert [row["article"] for row in rows if row["refused"]] == []


def test_every_section_and_every_boilerplate_line_comes_out_exactly(rows):
    for row in rows:
        assert row["sections"]["in_order"], row["article"]
        boilerplate = row["boilerplate"]
        assert boilerplate["found"] == boilerplate["expected"] == boilerplate["reported"], row[
            "article"
        ]


def test_quotes_faq_actors_and_places_are_found_as_often_as_the_floors_say(rows):
    total = totals(rows)

    shares = {
        (column, key): total[column][key] / total[column]["expected"] for column, key in FLOORS
    }
    below = {name: round(share, 3) for name, share in shares.items() if share < FLOORS[name]}
    assert below == {}, table(rows)
    extra = {
        column: total[column]["extra"] / (total[column]["found"] + total[column]["extra"])
        for column in EXTRA_CEILINGS
    }
    over = {name: round(share, 3) for name, share in extra.items() if share > EXTRA_CEILINGS[name]}
    assert over == {}, table(rows)


def test_the_plain_control_articles_import_with_nothing_to_report(rows):
    controls = [row for row in rows if row["article"].startswith("control-")]

    assert controls
    for row in controls:
        assert expected(row["article"]).get("warnings") in (None, [])
        assert row["reported"] == [], row["article"]
