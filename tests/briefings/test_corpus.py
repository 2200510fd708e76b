"""The synthetic corpus: realistic, valid, reproducible, and written in bulk as a save would write it."""

import datetime
import io
import itertools

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from briefings import corpus as corpus_module
from briefings.corpus import CorpusExists, generate_corpus
from briefings.markdown import render_markdown, render_markdown_with_toc
from briefings.models import (
    Actor,
    ActorAlias,
    Briefing,
    BriefingActor,
    BriefingQuote,
    Correction,
    FAQEntry,
    Office,
    Place,
    Quote,
    Source,
    Tenure,
    Topic,
    normalise_quote_text,
)

BRIEFINGS = 40
NOW = datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)


@pytest.fixture
def corpus(db):
    return generate_corpus(briefings=BRIEFINGS, seed=7, now=NOW)


def _snapshot():
    """What a reader sees of the corpus, without database ids."""
    return {
        "briefings": list(
            Briefing.objects.order_by("slug").values_list(
                "title", "slug", "standfirst", "body", "status", "published_at"
            )
        ),
        "actors": sorted(Actor.objects.values_list("name", "short_description")),
        "quotes": sorted(Quote.objects.values_list("speaker__name", "text", "said_on")),
        "questions": sorted(FAQEntry.objects.values_list("question", flat=True)),
    }


def _generated_then_rolled_back(**kwargs):
    with transaction.atomic():
        generate_corpus(**kwargs)
        snapshot = _snapshot()
        transaction.set_rollback(True)
    return snapshot


def test_a_small_corpus_has_the_promised_content(corpus):
    briefings = Briefing.objects.all()
    assert briefings.count() == BRIEFINGS
    quote_links = [b.quote_links.count() for b in briefings]
    faq_entries = [b.faq_entries.count() for b in briefings]
    assert all(4 <= n <= 6 for n in quote_links)
    assert 4.5 <= sum(quote_links) / BRIEFINGS <= 5.5
    assert all(2 <= n <= 4 for n in faq_entries)
    assert 2.5 <= sum(faq_entries) / BRIEFINGS <= 3.5
    assert all(2 <= b.actor_links.count() <= 7 for b in briefings)
    assert all(1 <= b.topics.count() <= 3 and 1 <= b.places.count() <= 3 for b in briefings)
    assert Actor.objects.count() == 50  # the minimum
    assert all(1 <= actor.aliases.count() <= 3 for actor in Actor.objects.all())
    assert {actor.kind for actor in Actor.objects.all()} >= {"person", "igo", "think_tank"}
    assert Topic.objects.count() >= 25
    assert Topic.objects.exclude(parent=None).count() >= 20
    assert Place.objects.count() >= 100
    countries = Place.objects.filter(kind=Place.Kind.COUNTRY)
    assert countries.count() >= 60
    assert len({country.iso_code for country in countries}) == countries.count()
    assert Office.objects.exists() and Tenure.objects.exists()
    assert Source.objects.count() == 20


def test_the_reported_counts_match_the_database(corpus):
    assert corpus.counts["briefings"] == Briefing.objects.count()
    assert corpus.counts["quotes"] == Quote.objects.count()
    assert corpus.counts["quote links"] == BriefingQuote.objects.count()
    assert corpus.counts["actor links"] == BriefingActor.objects.count()
    assert corpus.counts["FAQ entries"] == FAQEntry.objects.count()
    assert corpus.counts["actors"] == Actor.objects.count()
    assert corpus.counts["actor aliases"] == ActorAlias.objects.count()
    assert corpus.counts["tenures"] == Tenure.objects.count()
    assert corpus.counts["corrections"] == Correction.objects.count()
    assert corpus.seconds > 0


def test_every_generated_object_passes_full_clean(corpus):
    for model in (
        Topic, Place, Actor, ActorAlias, Office, Tenure, Source, Briefing, BriefingActor,
        Quote, BriefingQuote, FAQEntry, Correction,
    ):  # fmt: skip
        for instance in model.objects.all():
            instance.full_clean()


def test_a_single_holder_office_has_one_holder_at_a_time(corpus):
    offices = Office.objects.filter(single_holder=True).prefetch_related("tenures")
    assert any(office.tenures.count() > 1 for office in offices)
    for office in offices:
        tenures = sorted(office.tenures.all(), key=lambda tenure: tenure.started_on)
        for earlier, later in itertools.pairwise(tenures):
            assert not earlier.overlaps(later), f"{earlier} overlaps {later}"
            assert earlier.single_holder and later.single_holder


def test_the_same_seed_gives_the_same_corpus(db):
    first = _generated_then_rolled_back(briefings=BRIEFINGS, seed=7, now=NOW)
    again = _generated_then_rolled_back(briefings=BRIEFINGS, seed=7, now=NOW)
    other = _generated_then_rolled_back(briefings=BRIEFINGS, seed=8, now=NOW)

    assert first == again
    assert [b[0] for b in first["briefings"]] != [b[0] for b in other["briefings"]]


def test_a_second_run_with_the_same_seed_adds_nothing(corpus):
    before = _snapshot()

    with pytest.raises(CorpusExists, match="seed 7 exists already"):
        generate_corpus(briefings=BRIEFINGS * 2, seed=7)

    assert _snapshot() == before


def test_another_seed_adds_a_second_corpus_beside_the_first(corpus):
    topics, places = Topic.objects.count(), Place.objects.count()

    generate_corpus(briefings=BRIEFINGS, seed=8, now=NOW)

    assert Briefing.objects.count() == 2 * BRIEFINGS
    assert Actor.objects.count() == 100
    # Topics and places are shared, not duplicated.
    assert (Topic.objects.count(), Place.objects.count()) == (topics, places)


def test_most_briefings_are_public_and_the_others_are_not(corpus):
    public = set(Briefing.objects.published())
    published = Briefing.objects.filter(status=Briefing.Status.PUBLISHED)

    assert 0.75 * BRIEFINGS <= len(public) < BRIEFINGS
    assert public == {b for b in published if b.published_at <= timezone.now()}
    for briefing in public:
        assert NOW - datetime.timedelta(days=6 * 366) <= briefing.published_at <= NOW
        assert briefing.updated_at == briefing.published_at
    assert not Briefing.objects.filter(status=Briefing.Status.DRAFT, published_at__isnull=False)


def test_the_stored_html_is_the_rendering_of_the_stored_markdown(corpus):
    for briefing in Briefing.objects.all():
        assert (briefing.body_html, briefing.body_toc) == render_markdown_with_toc(briefing.body)
    for entry in FAQEntry.objects.all():
        assert entry.answer_html == render_markdown(entry.answer)
    for actor in Actor.objects.exclude(bio=""):
        assert actor.bio_html == render_markdown(actor.bio)
    for topic in Topic.objects.all():
        assert topic.description_html == render_markdown(topic.description)


def test_every_generated_row_holds_what_its_save_would_compute(corpus):
    """The generator calls each row's prepare(), as save() does: preparing again changes nothing."""
    for model in (Actor, Briefing, FAQEntry, Quote, Source, Tenure, Topic):
        for stored in model.objects.all():
            prepared = model.objects.get(pk=stored.pk)
            prepared.prepare()
            for f in model._meta.concrete_fields:
                assert getattr(prepared, f.attname) == getattr(stored, f.attname), (stored, f.name)


def test_rendering_in_worker_processes_gives_the_same_html(db):
    generate_corpus(briefings=12, seed=11, now=NOW, workers=2)

    for briefing in Briefing.objects.all():
        assert (briefing.body_html, briefing.body_toc) == render_markdown_with_toc(briefing.body)
    for entry in FAQEntry.objects.all():
        assert entry.answer_html == render_markdown(entry.answer)


def test_bodies_read_like_briefings(corpus):
    bodies = []
    for briefing in Briefing.objects.prefetch_related("actor_links__actor"):
        body = briefing.body
        headings = [line for line in body.splitlines() if line.startswith("## ")]
        assert 3 <= len(headings) <= 6
        assert [h["title"] for h in briefing.sections] == [h[3:] for h in headings]
        assert 400 <= len(body.split()) <= 900
        assert briefing.standfirst and briefing.title
        for link in briefing.actor_links.all():
            names = [link.actor.name, *link.actor.aliases.values_list("name", flat=True)]
            assert any(name in body for name in names), f"{link.actor} is not named"
            assert link.mention_count >= 1
        bodies.append(body)
    assert any("\n- **" in body for body in bodies)
    assert any("\n> " in body for body in bodies)


def test_search_words_pick_out_some_briefings_not_all(corpus):
    bodies = [body.lower() for body in Briefing.objects.values_list("body", flat=True)]
    words = ["sanction", "ceasefire", "tariff", "pipeline", "grain", "election", "drone"]
    words += ["uranium", "refugee", "coup", "satellite", "ransomware", "lithium", "summit"]
    found = {word: sum(word in body for body in bodies) for word in words}

    assert all(count < len(bodies) / 2 for count in found.values()), found
    assert sum(count > 0 for count in found.values()) >= len(words) / 2, found


def test_quotes_are_spoken_by_actors_of_their_briefing(corpus):
    links = BriefingQuote.objects.select_related("briefing", "quote__speaker", "quote__tenure")
    for link in links:
        quote, briefing = link.quote, link.briefing
        assert briefing.actor_links.filter(actor=quote.speaker).exists()
        assert quote.text_normalised == normalise_quote_text(quote.text)
        assert quote.said_on <= (briefing.published_at or timezone.now()).date()
        assert quote.said_on_precision in ("day", "month", "year")
        if quote.tenure:
            assert quote.tenure.actor == quote.speaker
    verifications = list(Quote.objects.values_list("verification", flat=True))
    usual = sum(
        v in (Quote.Verification.REPORTED, Quote.Verification.UNVERIFIED) for v in verifications
    )
    assert usual / len(verifications) >= 0.6
    assert not Quote.objects.filter(verification=Quote.Verification.VERIFIED, source=None)


def test_faq_entries_ask_questions_and_answer_them(corpus):
    for entry in FAQEntry.objects.all():
        assert entry.question.endswith("?")
        assert len(entry.answer.split()) >= 10
        assert entry.topics.exists()


def test_search_vectors_are_filled_on_postgresql(postgres_only, corpus):
    assert corpus.search_rows >= Briefing.objects.count() + Quote.objects.count()
    assert not Briefing.objects.filter(search_vector=None).exists()
    assert not Quote.objects.filter(search_vector=None).exists()
    assert not FAQEntry.objects.filter(search_vector=None).exists()


def test_the_command_prints_a_summary_and_a_progress_bar(db):
    out, err = io.StringIO(), io.StringIO()

    call_command("generate_corpus", briefings=5, seed=3, stdout=out, stderr=err)

    assert "Generated a corpus with seed 3" in out.getvalue()
    assert any(line.split() == ["briefings", "5"] for line in out.getvalue().splitlines())
    assert any(
        line.split()[:2] == ["quotes", str(Quote.objects.count())]
        for line in out.getvalue().splitlines()
    )
    assert "briefings  5/5 [" in err.getvalue()
    assert "100%" in err.getvalue()


def test_the_command_is_quiet_on_stderr_at_verbosity_0(db):
    err = io.StringIO()

    call_command(
        "generate_corpus", briefings=2, seed=3, verbosity=0, stdout=io.StringIO(), stderr=err
    )

    assert err.getvalue() == ""
    assert Briefing.objects.count() == 2


def test_the_command_says_so_when_the_seed_was_used_before(db):
    call_command("generate_corpus", briefings=3, seed=4, stdout=io.StringIO())
    out = io.StringIO()

    call_command("generate_corpus", briefings=3, seed=4, stdout=out)

    assert "A corpus with seed 4 exists already; nothing was added." in out.getvalue()
    assert Briefing.objects.count() == 3


# The vocabulary: data files, read once.


def test_the_vocabulary_reads_every_value_as_text_but_true_and_false(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus_module, "VOCABULARY", tmp_path)
    (tmp_path / "words.yaml").write_text(
        "countries:\n  - {name: Norway, iso: NO, founded: 1905, article: true}\n"
        "answers: [yes, no, on, off, null, 1.5]\n",
        encoding="utf-8",
    )

    assert corpus_module._read_vocabulary("words") == {
        "countries": [{"name": "Norway", "iso": "NO", "founded": "1905", "article": True}],
        "answers": ["yes", "no", "on", "off", "null", "1.5"],
    }


@pytest.mark.parametrize(
    "text",
    ["regions:\n  - {name: Balkans, article: yes}\n", "months: [May, true]\n"],
    ids=["a flag that is not true or false", "a word that is a flag"],
)
def test_the_vocabulary_refuses_a_flag_where_text_belongs_and_the_reverse(
    text, tmp_path, monkeypatch
):
    monkeypatch.setattr(corpus_module, "VOCABULARY", tmp_path)
    (tmp_path / "words.yaml").write_text(text, encoding="utf-8")

    with pytest.raises(ValueError, match=r"words\.yaml: "):
        corpus_module._read_vocabulary("words")


def test_the_vocabulary_refers_only_to_what_it_defines():
    """What an editor of briefings/data/corpus/ could get wrong without the generator noticing."""
    topics = {name for name, _, _ in corpus_module.TOPICS}
    regions = {name for name, _, _ in corpus_module.REGIONS}
    countries = {iso for _, iso, *_ in corpus_module.COUNTRIES}

    assert all(parent in topics for _, parent, _ in corpus_module.TOPICS if parent)
    assert all(topic in topics for theme in corpus_module.THEMES.values() for topic in theme.topics)
    assert {kind for _, _, kind in corpus_module.REGIONS} <= set(Place.Kind.values)
    for _, _, _, _, pool, country_regions, _ in corpus_module.COUNTRIES:
        assert pool in corpus_module.NAME_POOLS
        assert set(country_regions) <= regions
    assert {iso for _, iso in corpus_module.CITIES} <= countries
    assert set(corpus_module.ARMED_GROUP_COUNTRIES) <= countries
    assert set(corpus_module.NAME_POOLS) >= corpus_module.SURNAME_FIRST
    assert {kind for _, _, kind in corpus_module.PUBLISHERS} <= set(Source.Kind.values)
    assert all(len(pair) == 2 for pair in corpus_module._UKRAINIAN)
