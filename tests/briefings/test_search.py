"""Search: relevance over a fixed corpus, the search page, and keeping PostgreSQL's vectors fresh.

Relevance tests run on both databases where SQLite's reduced search supports the feature
(exact titles, phrases, exclusions, aliases, quote text, questions); full text, stemming and
typo tolerance are PostgreSQL-only and skip on SQLite with the reason printed.
"""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from briefings.models import ActorAlias, Briefing
from briefings.search import Filters, filter_queryset, search
from briefings.search.engine import autocomplete
from tests import factories, search_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(db):
    return search_corpus.build()


def top(query, n=1, **filters):
    return [(hit.type, hit.object.pk) for hit in search(query, Filters(**filters))[:n]]


def found(query, **filters):
    return {(hit.type, hit.object.pk) for hit in search(query, Filters(**filters))[:100]}


def key(obj):
    kind = {"Briefing": "briefing", "Quote": "quote", "FAQEntry": "faq", "Actor": "actor"}
    return (kind[type(obj).__name__], obj.pk)


# -- Relevance: both databases ------------------------------------------------------------------


def test_an_exact_title_comes_first(corpus):
    b = corpus["briefings"]
    assert top("Arctic shipping routes") == [key(b["arctic_title"])]
    # The newer briefing that repeats the words in its body is found too, lower down.
    assert key(b["arctic_body"]) in found("Arctic shipping routes")


def test_a_quoted_phrase_needs_the_words_together(corpus):
    b = corpus["briefings"]
    results = found('"security guarantees"')
    assert key(b["guarantees"]) in results
    assert key(b["baltic"]) not in results  # "Guarantees of security": both words, no phrase


def test_a_minus_leaves_out_texts_with_that_word(corpus):
    b = corpus["briefings"]
    results = found("sanctions -oil")
    assert key(b["banks"]) in results
    assert key(b["oil"]) not in results


def test_an_alias_finds_the_actor_and_texts_using_another_spelling(corpus):
    b = corpus["briefings"]
    for spelling in ("Zelenskiy", "Zelenskyy", "Zelensky"):
        assert top(spelling) == [key(corpus["zelensky"])], spelling
        # The grain briefing writes "Zelensky": found under every spelling.
        assert key(b["grain"]) in found(spelling), spelling


def test_quote_text_finds_the_quote(corpus):
    assert top("air defence systems") == [key(corpus["quotes"]["air_defence"])]


def test_an_faq_question_finds_the_entry(corpus):
    assert top("What is a price cap on oil?") == [key(corpus["faqs"]["price_cap"])]


def test_drafts_and_what_only_drafts_use_are_never_found(corpus):
    draft_things = {
        key(corpus["briefings"]["draft"]),
        key(corpus["quotes"]["unused"]),
        key(corpus["faqs"]["draft"]),
    }
    for query in ("secret", "grain", "draft", "sanctions", "Macron"):
        assert not draft_things & found(query), query


def test_a_quote_is_found_once_its_briefing_is_published_and_not_after(db):
    briefing = factories.BriefingFactory(status="draft", published_at=None, slug="pending")
    quote = factories.QuoteFactory(text="The harbour cranes stood idle all winter.")
    factories.BriefingQuoteFactory(briefing=briefing, quote=quote)
    entry = factories.FAQEntryFactory(briefing=briefing, question="Why were the cranes idle?")
    assert not {key(quote), key(entry)} & found("cranes")

    briefing.status, briefing.published_at = "published", search_corpus.days_ago(1)
    briefing.save()
    assert {key(quote), key(entry)} <= found("cranes")

    briefing.status = "archived"
    briefing.save()
    assert not {key(quote), key(entry)} & found("cranes")


def test_a_scheduled_briefings_quotes_wait_for_its_time(db):
    from datetime import timedelta

    from django.utils import timezone

    briefing = factories.BriefingFactory(published_at=timezone.now() + timedelta(days=2))
    quote = factories.QuoteFactory(text="The harbour cranes stood idle all winter.")
    factories.BriefingQuoteFactory(briefing=briefing, quote=quote)
    assert key(quote) not in found("cranes")


def test_snippets_mark_the_matching_words_and_nothing_else_is_markup(corpus):
    factories.BriefingFactory(
        title="Markup in a body",
        slug="markup",
        body="## Part\n\nThe <script>alert(1)</script> tag and the word pipeline appear here.",
    )
    (hit,) = search("pipeline")[:1]
    assert "<mark>pipeline</mark>" in hit.snippet
    assert "<script" not in hit.snippet  # dropped (PostgreSQL) or escaped (SQLite)
    assert re.sub(r"</?mark>", "", hit.snippet).count("<") == 0


def test_type_topic_place_and_year_filters_combine(corpus):
    b = corpus["briefings"]
    assert found("sanctions", types=("briefing",)) == {key(b["oil"]), key(b["banks"])}
    assert found("sanctions", place="iran") == {key(b["banks"])}
    assert found("sanctions", topic="sanctions", place="iran") == {key(b["banks"])}
    year = b["oil"].published_at.year
    assert key(b["oil"]) in found("sanctions", year=year)
    assert found("sanctions", year=1999) == set()
    # Actors carry no topic: a topic filter leaves them out.
    assert key(corpus["zelensky"]) not in found("Zelensky", topic="sanctions")


def test_facets_count_what_each_choice_would_show(corpus):
    results = search("sanctions")
    facets = results.facets()
    types = {item["kind"]: item["count"] for item in facets["type"]}
    assert types["briefing"] == 2
    topics = {item["slug"]: item["count"] for item in facets["topic"]}
    assert topics["sanctions"] == 2
    places = {item["slug"]: item["count"] for item in facets["place"]}
    assert places == {"iran": 1}
    assert sum(types.values()) == results.count()


def test_results_paginate_without_repeats(corpus):
    for i in range(25):
        factories.BriefingFactory(title=f"Pipeline politics {i}", slug=f"pipeline-{i}")
    results = search("pipeline")
    assert results.count() == 25
    first, second = results[0:20], results[20:40]
    assert len(first) == 20 and len(second) == 5
    assert not {h.object.pk for h in first} & {h.object.pk for h in second}


def test_autocomplete_completes_names_and_titles(corpus):
    titles = [hit.title for hit in autocomplete("zel")]
    assert titles[0] == "Volodymyr Zelensky"
    assert "Black Sea grain corridor reopens" in [hit.title for hit in autocomplete("black se")]
    assert "Secret draft on sanctions and grain" not in [h.title for h in autocomplete("secret")]
    assert autocomplete("z") == []


def test_the_list_querysets_share_the_engine(corpus):
    b = corpus["briefings"]
    assert set(filter_queryset(Briefing.objects.published(), "sanctions -oil")) == {b["banks"]}


# -- Relevance: PostgreSQL only -----------------------------------------------------------------


def test_a_misspelt_name_still_finds_the_actor_and_suggests_the_spelling(corpus, postgres_only):
    for typo, actor in (("Zelenksy", corpus["zelensky"]), ("Makron", corpus["macron"])):
        results = search(typo)
        assert key(actor) in found(typo), typo
        suggestion = results.suggestion()
        assert suggestion and suggestion.casefold() != typo.casefold()
        assert key(actor) == top(suggestion)[0], (typo, suggestion)


def test_stemming_finds_other_forms_of_a_word(corpus, postgres_only):
    # "shipments" in the body, "shipment" in the query.
    assert key(corpus["briefings"]["grain"]) in found("shipment")


def test_or_finds_either_word(corpus, postgres_only):
    b = corpus["briefings"]
    results = found("tankers or underwriters")
    assert {key(b["oil"]), key(b["grain"])} <= results


def test_newer_briefings_rank_higher_when_the_text_matches_alike(db, postgres_only):
    old = factories.BriefingFactory(
        title="Pipeline report", slug="old", published_at=search_corpus.days_ago(2000)
    )
    new = factories.BriefingFactory(
        title="Pipeline report", slug="new", published_at=search_corpus.days_ago(2)
    )
    assert top("pipeline report", n=2) == [key(new), key(old)]


def test_a_query_finding_nothing_suggests_a_near_name(corpus, postgres_only):
    results = search("Kalas")
    assert results.suggestion() == "Kaja Kallas"


# -- Keeping the vectors fresh (PostgreSQL) -----------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_new_alias_finds_the_speakers_quotes_after_commit(postgres_only):
    quote = factories.QuoteFactory(text="Grain must move.")
    factories.BriefingQuoteFactory(quote=quote)
    assert key(quote) not in found("Zelenskyj")
    ActorAlias.objects.create(actor=quote.speaker, name="Zelenskyj")
    assert key(quote) in found("Zelenskyj")
    assert key(quote.speaker) in found("Zelenskyj")


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_save_leaves_the_vectors_alone(postgres_only):
    from django.db import transaction

    briefing = factories.BriefingFactory(title="Pipeline politics", slug="pipeline-politics")
    with pytest.raises(RuntimeError), transaction.atomic():
        Briefing.objects.filter(pk=briefing.pk).update(title="Tariff politics")
        briefing.refresh_from_db()
        briefing.save()
        raise RuntimeError
    assert key(briefing) in found("pipeline")
    assert key(briefing) not in found("tariff")
    # The next committed save is refreshed as usual.
    briefing.refresh_from_db()
    briefing.title = "Tariff politics"
    briefing.save()
    assert key(briefing) in found("tariff")


@pytest.mark.django_db(transaction=True)
def test_renaming_a_topic_refreshes_its_briefings(postgres_only):
    topic = factories.TopicFactory(name="Fisheries", slug="fisheries")
    briefing = factories.BriefingFactory()
    briefing.topics.add(topic)
    assert key(briefing) in found("fisheries")
    topic.name = "Aquaculture"
    topic.save()
    assert key(briefing) in found("aquaculture")
    assert key(briefing) not in found("fisheries")


def test_a_cached_search_shows_a_change_on_the_next_request(db, postgres_only, settings):
    settings.SEARCH_CACHE_SECONDS = 300
    briefing = factories.BriefingFactory(title="Pipeline politics", slug="pipeline-politics")
    assert search("pipeline").count() == 1
    with CaptureQueriesContext(connection) as queries:
        assert search("pipeline").count() == 1
    assert not [q for q in queries if "hit_kind" in q["sql"]], "the second search was cached"

    other = factories.BriefingFactory(title="Pipeline diplomacy", slug="pipeline-diplomacy")
    assert search("pipeline").count() == 2
    other.status = "archived"
    other.save()
    assert [hit.object for hit in search("pipeline")[:20]] == [briefing]


def test_the_search_page_caches_counts_and_facets_until_content_changes(
    client, corpus, postgres_only, settings
):
    settings.SEARCH_CACHE_SECONDS = 300
    url = reverse("briefings:search")
    client.get(url, {"q": "sanctions"})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"q": "sanctions"})
    assert not [q for q in queries if "hit_kind" in q["sql"] or "COUNT(" in q["sql"]]
    assert {i["slug"]: i["count"] for i in response.context["facets"]["topic"]} == {"sanctions": 2}

    new = factories.BriefingFactory(title="Sanctions on shipping", slug="sanctions-shipping")
    new.topics.add(corpus["briefings"]["oil"].topics.get())
    response = client.get(url, {"q": "sanctions"})
    assert {i["slug"]: i["count"] for i in response.context["facets"]["topic"]} == {"sanctions": 3}


def test_rebuild_search_recomputes_every_vector(corpus, postgres_only, capsys):
    Briefing.objects.update(search_vector=None)
    assert search("sanctions").type_counts()["briefing"] == 0
    call_command("rebuild_search")
    assert "Rebuilt search vectors" in capsys.readouterr().out
    assert search("sanctions").type_counts()["briefing"] == 2


def test_rebuild_search_reports_what_it_did(capsys):
    call_command("rebuild_search")
    output = capsys.readouterr().out
    if connection.vendor == "postgresql":
        assert "Rebuilt search vectors: 0 briefing" in output
    else:
        assert "Nothing to rebuild" in output


# -- The search page ----------------------------------------------------------------------------


def test_the_page_lists_typed_results_with_facets_and_snippets(client, corpus):
    response = client.get(reverse("briefings:search"), {"q": "sanctions"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sanctions on Iranian banks" in html
    assert 'class="type-badge type-badge--briefing">Briefing<' in html
    assert "<mark>" in html
    assert "Narrow the results" in html and 'aria-label="Filter by topic"' in html
    assert "Secret draft" not in html


def test_a_facet_link_narrows_the_results(client, corpus):
    response = client.get(reverse("briefings:search"), {"q": "sanctions", "place": "iran"})
    html = response.content.decode()
    assert "Sanctions on Iranian banks" in html
    assert "Sanctions on Russian oil exports" not in html
    assert "Clear all filters" in html


def test_an_empty_result_offers_help(client, corpus):
    response = client.get(reverse("briefings:search"), {"q": "xylophone"})
    html = response.content.decode()
    assert "Nothing matches “xylophone”" in html
    assert "Browse the" in html


def test_the_empty_result_suggests_a_near_name(client, corpus, postgres_only):
    html = client.get(reverse("briefings:search"), {"q": "Kalas"}).content.decode()
    assert "Did you mean" in html and "Kaja Kallas" in html


def test_bad_filter_values_are_left_out_and_reported(client, corpus):
    response = client.get(reverse("briefings:search"), {"q": "sanctions", "year": "soon"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "could not be read (year)" in html
    assert "Sanctions on Iranian banks" in html


def test_the_page_paginates(client, db):
    for i in range(25):
        factories.BriefingFactory(title=f"Pipeline politics {i}", slug=f"pipeline-{i}")
    html = client.get(reverse("briefings:search"), {"q": "pipeline", "page": 2}).content.decode()
    assert "page 2 of 2" in html
    assert html.count('class="result result--briefing"') == 5


def test_a_very_long_query_is_cut_not_refused(client, corpus):
    response = client.get(reverse("briefings:search"), {"q": "sanctions " * 200})
    assert response.status_code == 200
