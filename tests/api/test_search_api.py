"""`/api/v1/search/`, its autocomplete, and `q` on the lists: the search page's engine as JSON."""

import pytest
from django.urls import reverse

from tests import factories, search_corpus

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1/search/"
AUTOCOMPLETE = "/api/v1/search/autocomplete/"


@pytest.fixture
def corpus(db):
    return search_corpus.build()


def test_search_answers_ranked_typed_results(anonymous_client, corpus):
    response = anonymous_client.get(SEARCH, {"q": "Zelenskiy"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results", "hint"}
    first = body["results"][0]
    assert first["type"] == "actor" and first["title"] == "Volodymyr Zelensky"
    assert first["url"].endswith(reverse("api:actor-detail", args=[corpus["zelensky"].pk]))
    assert first["html_url"].endswith(corpus["zelensky"].get_absolute_url())
    ranks = [hit["rank"] for hit in body["results"]]
    assert ranks == sorted(ranks, reverse=True)
    assert {"briefing", "quote"} <= {hit["type"] for hit in body["results"]}


def test_results_link_to_their_api_twins(anonymous_client, corpus):
    body = anonymous_client.get(SEARCH, {"q": "sanctions", "type": "briefing"}).json()
    for hit in body["results"]:
        detail = anonymous_client.get(hit["url"])
        assert detail.status_code == 200
        assert detail.json()["title"] == hit["title"]


def test_filters_narrow_the_results(anonymous_client, corpus):
    body = anonymous_client.get(SEARCH, {"q": "sanctions", "place": "iran"}).json()
    assert [hit["title"] for hit in body["results"]] == ["Sanctions on Iranian banks"]
    body = anonymous_client.get(SEARCH, {"q": "Macron", "type": "quote,faq"}).json()
    assert {hit["type"] for hit in body["results"]} == {"quote"}


def test_pages_follow_next_links(anonymous_client, db):
    for i in range(7):
        factories.BriefingFactory(title=f"Pipeline politics {i}", slug=f"pipeline-{i}")
    seen, url = [], SEARCH + "?q=pipeline&page_size=3"
    while url:
        body = anonymous_client.get(url).json()
        assert body["count"] == 7
        seen += [hit["id"] for hit in body["results"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == 7


def test_snippets_are_html_with_marks_only(anonymous_client, corpus):
    body = anonymous_client.get(SEARCH, {"q": "shadow fleet"}).json()
    snippet = next(hit["snippet"] for hit in body["results"] if hit["type"] == "briefing")
    assert "<mark>" in snippet


def test_drafts_never_appear(anonymous_client, editor_client, corpus):
    for client in (anonymous_client, editor_client):
        body = client.get(SEARCH, {"q": "secret draft", "page_size": 100}).json()
        assert "Secret draft on sanctions and grain" not in [
            hit["title"] for hit in body["results"]
        ]
    body = anonymous_client.get(AUTOCOMPLETE, {"q": "secret"}).json()
    assert body["results"] == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "q"),
        ({"q": "   "}, "q"),
        ({"q": "grain", "type": "briefing,spaceship"}, "type"),
        ({"q": "grain", "year": "soon"}, "year"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_bad_parameters_answer_400_by_field(anonymous_client, db, params, field):
    response = anonymous_client.get(SEARCH, params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_autocomplete_suggests_names_as_typed(anonymous_client, corpus):
    response = anonymous_client.get(AUTOCOMPLETE, {"q": "zel"})
    assert response.status_code == 200
    (first, *_) = response.json()["results"]
    assert first["title"] == "Volodymyr Zelensky"
    assert first["type_label"] == "Actor"
    assert first["html_url"].endswith("/actors/volodymyr-zelensky/")
    assert anonymous_client.get(AUTOCOMPLETE).status_code == 400


def test_q_on_a_list_uses_the_engine_best_match_first(anonymous_client, corpus):
    response = anonymous_client.get("/api/v1/briefings/", {"q": "sanctions -oil"})
    assert [b["slug"] for b in response.json()["results"]] == ["sanctions-iranian-banks"]
    response = anonymous_client.get("/api/v1/briefings/", {"q": "Arctic shipping routes"})
    assert response.json()["results"][0]["slug"] == "arctic-shipping-routes"
    # An explicit ordering still wins.
    response = anonymous_client.get(
        "/api/v1/briefings/", {"q": "Arctic shipping routes", "ordering": "-published_at"}
    )
    assert response.json()["results"][0]["slug"] == "high-north-2026"


def test_q_on_actors_finds_aliases(anonymous_client, corpus):
    response = anonymous_client.get("/api/v1/actors/", {"q": "Zelenskyy"})
    assert [a["slug"] for a in response.json()["results"]] == ["volodymyr-zelensky"]


def test_q_on_actors_tolerates_typos(anonymous_client, corpus, postgres_only):
    response = anonymous_client.get("/api/v1/actors/", {"q": "Makron"})
    assert [a["slug"] for a in response.json()["results"]] == ["emmanuel-macron"]


def test_the_browsable_api_renders_search_results(client):
    """A browser asking for HTML gets DRF's page, not an error."""
    response = client.get("/api/v1/search/", {"q": "nato"}, HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
