"""The search registry: each kind's declaration is what its vectors, SQLite match and signals do.

Every declared field gets a made-up word of its own in a row of its kind; the tests then check
where that word ends up: in the stored vector with the declared weight (PostgreSQL), found or not
by SQLite's plain match as declared, and refreshed when the row it comes from changes.
"""

import ast
import re
from pathlib import Path

import pytest

from briefings import models as m
from briefings.search import vectors
from briefings.search.engine import Backend
from briefings.search.registry import KINDS
from briefings.search.signals import feeds
from tests import factories

pytestmark = pytest.mark.django_db


def words_for(kind):
    """{declared path: a word found nowhere else}; a two-letter code fits an ISO code field."""
    words = {}
    for n, declared in enumerate(kind.fields):
        column = declared.path.rpartition("__")[2]
        model = kind.model if "__" not in declared.path else None
        short = model and getattr(model._meta.get_field(column), "max_length", None) == 2
        words[declared.path] = "ZW" if short else f"zqx{'abcdefgh'[n]}v"
    return words


def build_briefing(w):
    briefing = factories.BriefingFactory(
        title=w["title"], standfirst=w["standfirst"], body=w["body"]
    )
    briefing.topics.add(factories.TopicFactory(name=w["topics__name"]))
    briefing.places.add(factories.PlaceFactory(name=w["places__name"]))
    return briefing


def build_quote(w):
    speaker = factories.ActorFactory(name=w["speaker__name"])
    factories.ActorAliasFactory(actor=speaker, name=w["speaker__aliases__name"])
    quote = factories.QuoteFactory(
        speaker=speaker,
        text=w["text"],
        occasion=w["occasion"],
        attributed_as=w["attributed_as"],
        context=w["context"],
    )
    factories.BriefingQuoteFactory(quote=quote)
    return quote


def build_faq(w):
    return factories.FAQEntryFactory(briefing=None, question=w["question"], answer=w["answer"])


def build_actor(w):
    actor = factories.ActorFactory(
        name=w["name"], short_description=w["short_description"], bio=w["bio"]
    )
    factories.ActorAliasFactory(actor=actor, name=w["aliases__name"])
    return actor


def build_topic(w):
    return factories.TopicFactory(name=w["name"], description=w["description"])


def build_place(w):
    return factories.PlaceFactory(name=w["name"], iso_code=w["iso_code"])


BUILD = {
    "briefing": build_briefing,
    "quote": build_quote,
    "faq": build_faq,
    "actor": build_actor,
    "topic": build_topic,
    "place": build_place,
}


def weights_in(vector):
    """{lexeme: its weights} from a tsvector's text ("'word':1A,4B"; D is left unwritten)."""
    found = {}
    for lexeme, positions in re.findall(r"'([^']+)':([\dA-D,]+)", vector or ""):
        found[lexeme] = {p[-1] if p[-1] in "ABC" else "D" for p in positions.split(",")}
    return found


@pytest.mark.parametrize("key", list(KINDS))
def test_the_stored_vector_weighs_each_field_as_declared(key, postgres_only):
    kind = KINDS[key]
    words = words_for(kind)
    row = BUILD[key](words)
    vectors.refresh(kind)  # links added inside atomic blocks wait for a commit a test never has
    stored = kind.model.objects.values(*vectors.columns(kind)).get(pk=row.pk)
    lexemes = weights_in(stored["search_vector"])
    for declared in kind.fields:
        assert lexemes.get(words[declared.path].lower()) == {declared.weight}, declared
    assert set(lexemes) >= {word.lower() for word in words.values()}
    if kind.head:
        head = weights_in(stored["search_head"])
        assert {weight for found in head.values() for weight in found} == set(kind.head)
        for declared in kind.fields:
            assert (words[declared.path].lower() in head) == (declared.weight in kind.head)


@pytest.mark.parametrize("key", list(KINDS))
def test_sqlite_matches_the_fields_declared_for_it(key):
    """SQLite's plain match, run here on whichever database the tests use."""
    kind = KINDS[key]
    words = words_for(kind)
    row = BUILD[key](words)
    for declared in kind.fields:
        backend = Backend(words[declared.path])
        backend.alternatives = []  # an alias finds the speaker's quotes by the speaker's name
        found = backend.match(kind, kind.model.objects.all())
        assert (row in found) == declared.sqlite, declared


def test_the_registry_is_the_only_module_naming_a_weight():
    """Weights and the SQL that applies them appear in no other module's code."""

    def strings(tree):
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and ast.get_docstring(node) is not None
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield node.value if id(node) not in docstrings else ""

    sql = re.compile(r"setweight|to_tsvector|:\*[A-D]\b")
    package = Path(vectors.__file__).parent
    naming = {
        path.name: found
        for path in sorted(package.glob("*.py"))
        if path.name != "registry.py"
        and (
            found := [
                text
                for text in strings(ast.parse(path.read_text()))
                if text in {"A", "B", "C", "D"} or sql.search(text)
            ]
        )
    }
    assert naming == {}


def test_public_from_is_stored_for_the_kinds_that_declare_it(postgres_only):
    general = factories.FAQEntryFactory(briefing=None)
    draft = factories.BriefingFactory(status="draft", published_at=None)
    waiting = factories.FAQEntryFactory(briefing=draft)
    quote = factories.QuoteFactory()
    link = factories.BriefingQuoteFactory(quote=quote)
    for kind in KINDS.values():
        vectors.refresh(kind)
    assert m.FAQEntry.objects.get(pk=general.pk).search_public_from.year == 1970
    assert m.FAQEntry.objects.get(pk=waiting.pk).search_public_from is None
    assert m.Quote.objects.get(pk=quote.pk).search_public_from == link.briefing.published_at
    assert {key for key, kind in KINDS.items() if kind.public_from} == {"quote", "faq"}


def test_every_relation_a_field_crosses_feeds_the_kind():
    fed = {(feed.kind, feed.sender, feed.path) for feed in feeds()}
    assert ("briefing", m.Topic, "topics") in fed
    assert ("briefing", m.Place, "places") in fed
    assert ("quote", m.Actor, "speaker") in fed
    assert ("quote", m.ActorAlias, "speaker__aliases") in fed
    assert ("quote", m.Briefing, "briefing_links__briefing") in fed
    assert ("faq", m.Briefing, "briefing") in fed
    assert ("actor", m.ActorAlias, "aliases") in fed
    for kind in KINDS.values():
        assert (kind.key, kind.model, "") in fed


@pytest.mark.django_db(transaction=True)
def test_renaming_a_speaker_or_a_place_refreshes_what_names_them(postgres_only):
    from briefings.search import Filters, search

    def found(query):
        return {(hit.type, hit.object.pk) for hit in search(query, Filters())[:100]}

    quote = factories.QuoteFactory(text="Grain must move.")
    factories.BriefingQuoteFactory(quote=quote)
    briefing = factories.BriefingFactory()
    place = factories.PlaceFactory(name="Transnistria")
    briefing.places.add(place)
    speaker = quote.speaker
    speaker.name = "Maia Sandu"
    speaker.save()
    place.name = "Gagauzia"
    place.save()
    assert ("quote", quote.pk) in found("Sandu")
    assert ("briefing", briefing.pk) in found("Gagauzia")
    assert ("briefing", briefing.pk) not in found("Transnistria")
    # An alias deleted: the speaker's quotes no longer carry it.
    alias = factories.ActorAliasFactory(actor=speaker, name="Sanduova")
    assert ("quote", quote.pk) in found("Sanduova")
    alias.delete()
    assert ("quote", quote.pk) not in found("Sanduova")
