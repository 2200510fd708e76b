"""`/api/v1/actors/{id}/connections/`: the actors that appear with one in public briefings."""

import datetime

import jsonschema
import pytest
from django.utils import timezone

from briefings.models import Actor
from tests import factories

from .conftest import assert_error_body

pytestmark = pytest.mark.django_db

PATH = "/api/v1/actors/{id}/connections/"
# The actor, then the connected actors with their counts: one query each, however many.
QUERIES = 2


def url(actor, **params):
    return PATH.format(id=actor.pk), params


def briefing_with(*actors, **fields):
    briefing = factories.BriefingFactory(**fields)
    for actor in actors:
        factories.BriefingActorFactory(briefing=briefing, actor=actor)
    return briefing


def names(response):
    return [
        (item["actor"]["name"], item["shared_briefings"]) for item in response.json()["results"]
    ]


@pytest.fixture
def rutte():
    """Mark Rutte, with Zelensky in three public briefings, Macron and Tusk in one each."""
    actor = factories.ActorFactory(name="Mark Rutte", slug="mark-rutte")
    zelensky, macron, tusk = (
        factories.ActorFactory(name=name) for name in ["Volodymyr Zelensky", "Macron", "Tusk"]
    )
    for _ in range(3):
        briefing_with(actor, zelensky)
    briefing_with(actor, tusk, macron)
    return actor


@pytest.fixture
def schema(anonymous_client):
    return anonymous_client.get("/api/schema/", {"format": "json"}).json()


def assert_matches_schema(schema, response):
    """The body is what the schema says this operation answers with this status."""
    operation = schema["paths"][PATH]["get"]
    body_schema = operation["responses"][str(response.status_code)]["content"]["application/json"]
    jsonschema.validate(
        response.json(),
        {**body_schema["schema"], "components": schema["components"]},
        cls=jsonschema.Draft7Validator,
    )


def test_connections_name_the_actor_and_list_the_others_strongest_first(anonymous_client, rutte):
    response = anonymous_client.get(*url(rutte))

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"actor", "results"}
    assert body["actor"] == {
        "id": rutte.pk,
        "name": "Mark Rutte",
        "url": f"http://testserver/api/v1/actors/{rutte.pk}/",
        "html_url": "http://testserver/actors/mark-rutte/",
    }
    assert names(response) == [("Volodymyr Zelensky", 3), ("Macron", 1), ("Tusk", 1)]
    first = body["results"][0]
    assert set(first) == {"actor", "shared_briefings"}
    assert set(first["actor"]) == {"id", "name", "url", "html_url"}
    assert first["actor"]["html_url"].endswith("/actors/volodymyr-zelensky/")


def test_the_response_matches_the_schema(anonymous_client, rutte, schema):
    assert_matches_schema(schema, anonymous_client.get(*url(rutte)))
    assert_matches_schema(schema, anonymous_client.get(*url(rutte, limit="many")))


def test_limit_shortens_the_list_and_defaults_to_20(anonymous_client):
    actor = factories.ActorFactory()
    briefing_with(actor, *factories.ActorFactory.create_batch(25))

    assert len(anonymous_client.get(*url(actor)).json()["results"]) == 20
    assert len(anonymous_client.get(*url(actor, limit=3)).json()["results"]) == 3
    assert len(anonymous_client.get(*url(actor, limit=100)).json()["results"]) == 25


@pytest.mark.parametrize("limit", ["0", "101", "-1", "many", "2.5"])
def test_a_bad_limit_is_a_400_naming_the_parameter(anonymous_client, rutte, limit):
    response = anonymous_client.get(*url(rutte, limit=limit))

    body = assert_error_body(response, 400)
    assert body["code"] == "invalid"
    assert list(body["errors"]) == ["limit"]


def test_an_unknown_actor_is_a_404_with_the_error_body(anonymous_client):
    assert_error_body(anonymous_client.get(PATH.format(id=999999)), 404)


def test_drafts_scheduled_briefings_and_excluded_mentions_never_count_even_for_editors(
    anonymous_client, editor_client, rutte
):
    secret = factories.ActorFactory(name="Only in a draft")
    soon = factories.ActorFactory(name="Only in a scheduled briefing")
    namesake = factories.ActorFactory(name="A namesake")
    zelensky = Actor.objects.get(name="Volodymyr Zelensky")
    briefing_with(rutte, secret, zelensky, status="draft", published_at=None)
    briefing_with(rutte, soon, published_at=timezone.now() + datetime.timedelta(days=1))
    link = briefing_with(rutte, namesake).actor_links.get(actor=namesake)
    link.excluded = True
    link.save()

    anonymous = anonymous_client.get(*url(rutte))
    editor = editor_client.get(*url(rutte))

    assert anonymous.json() == editor.json()
    assert names(anonymous) == [("Volodymyr Zelensky", 3), ("Macron", 1), ("Tusk", 1)]


def test_an_etag_answers_a_304_until_the_connections_change(anonymous_client, rutte):
    first = anonymous_client.get(*url(rutte))
    etag = first["ETag"]

    again = anonymous_client.get(*url(rutte), HTTP_IF_NONE_MATCH=etag)
    briefing_with(rutte, factories.ActorFactory(name="Newcomer"))
    changed = anonymous_client.get(*url(rutte), HTTP_IF_NONE_MATCH=etag)

    assert again.status_code == 304
    assert again["ETag"] == etag
    assert changed.status_code == 200
    assert changed["ETag"] != etag


@pytest.mark.parametrize("size", [1, 40])
def test_connections_run_a_fixed_number_of_queries(
    anonymous_client, django_assert_num_queries, size
):
    actor = factories.ActorFactory()
    others = factories.ActorFactory.create_batch(size)
    for index in range(size):
        briefing_with(actor, *others[: index + 1])

    with django_assert_num_queries(QUERIES):
        response = anonymous_client.get(*url(actor, limit=100))

    assert len(response.json()["results"]) == size


def test_the_schema_documents_the_operation(schema):
    operation = schema["paths"][PATH]["get"]

    assert operation["description"]
    assert {"200", "304", "400", "404"} <= set(operation["responses"])
    limit = next(p for p in operation["parameters"] if p["name"] == "limit")
    assert limit["schema"] == {"type": "integer", "maximum": 100, "minimum": 1, "default": 20}
