"""Hostile input on the API's write path: bounded work, and a clear 4xx in the API's error body.

Regressions from issue 16: long relation id lists (one query per id, a killed worker), JSON
nested thousands deep (RecursionError), bodies over the upload limit (an HTML 400), numbers
that are not finite (stored as "inf"), and a 409 on a protected delete that did not say what
blocks it.
"""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from briefings.models import Briefing, Place, Source, Topic
from tests import factories
from tests.api.conftest import _user_in, assert_error_body, authenticate

pytestmark = pytest.mark.django_db

HUNDRED_THOUSAND = 100_000


@pytest.fixture
def contributor(roles):
    return _user_in("Contributor", username="hostile-contributor")


@pytest.fixture
def contributor_client(contributor):
    return authenticate(APIClient(), contributor)


@pytest.fixture
def editor_client(roles):
    return authenticate(APIClient(), _user_in("Editor", username="hostile-editor"))


@pytest.fixture
def own_draft(contributor):
    return factories.BriefingFactory(status="draft", published_at=None, created_by=contributor)


def detail(obj):
    names = {Briefing: "briefing", Place: "place", Source: "source", Topic: "topic"}
    name = names.get(type(obj), type(obj).__name__.lower())
    return reverse(f"api:{name}-detail", args=[obj.pk])


def patch(client, obj, body, **headers):
    """A PATCH whose body is sent exactly as given (a string) or as JSON."""
    raw = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.generic("PATCH", detail(obj), raw, content_type="application/json", **headers)


def queries_for(request):
    with CaptureQueriesContext(connection) as queries:
        response = request()
    return response, len(queries)


def ids_unknown_after(model, count):
    """`count` ids that no `model` row has."""
    start = (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    return list(range(start, start + count))


# Relation id lists: de-duplicated, capped, one query, unknown ids named


def test_a_hundred_thousand_topic_ids_are_a_400_naming_the_field_and_the_cap(
    contributor_client, own_draft
):
    topics = factories.TopicFactory.create_batch(3)
    one = patch(contributor_client, own_draft, {"topic_ids": [topics[0].pk]})
    assert one.status_code == 200, one.content[:500]
    ids = [topic.pk for topic in topics] + ids_unknown_after(Topic, HUNDRED_THOUSAND - 3)

    response, queries = queries_for(
        lambda: patch(contributor_client, own_draft, {"topic_ids": ids})
    )

    body = assert_error_body(response, 400)
    assert body["errors"] == {"topic_ids": [f"At most 200 topics; {HUNDRED_THOUSAND} given."]}
    # Refused before a single topic is looked up: no more work than a PATCH with one id.
    _, one_id = queries_for(
        lambda: patch(contributor_client, own_draft, {"topic_ids": [topics[0].pk]})
    )
    assert queries <= one_id
    assert list(own_draft.topics.all()) == [topics[0]]


@pytest.mark.parametrize(
    ("field", "kind", "cap"),
    [
        ("topic_ids", "topics", 200),
        ("place_ids", "places", 200),
        ("source_ids", "sources", 1000),
        ("related_ids", "briefings", 200),
    ],
)
def test_every_id_list_of_a_briefing_is_capped(contributor_client, own_draft, field, kind, cap):
    response = patch(contributor_client, own_draft, {field: list(range(1, cap + 2))})

    body = assert_error_body(response, 400)
    assert body["errors"] == {field: [f"At most {cap} {kind}; {cap + 1} given."]}


def test_the_topic_ids_of_an_faq_entry_and_the_parent_ids_of_a_place_are_capped(editor_client):
    entry = factories.FAQEntryFactory()
    place = factories.PlaceFactory()

    faq = editor_client.patch(
        reverse("api:faqentry-detail", args=[entry.pk]),
        {"topic_ids": list(range(1, HUNDRED_THOUSAND + 1))},
        format="json",
    )
    parents = patch(editor_client, place, {"parent_ids": list(range(1, HUNDRED_THOUSAND + 1))})

    assert assert_error_body(faq, 400)["errors"] == {
        "topic_ids": [f"At most 200 topics; {HUNDRED_THOUSAND} given."]
    }
    assert assert_error_body(parents, 400)["errors"] == {
        "parent_ids": [f"At most 200 places; {HUNDRED_THOUSAND} given."]
    }


def test_a_patch_with_200_topic_ids_runs_as_many_queries_as_one_with_3(contributor, roles):
    client = authenticate(APIClient(), contributor)
    topics = Topic.objects.bulk_create(
        Topic(name=f"Topic {n}", slug=f"topic-{n}") for n in range(200)
    )
    warm_up, few, many = (
        factories.BriefingFactory(status="draft", published_at=None, created_by=contributor)
        for _ in range(3)
    )
    patch(client, warm_up, {"topic_ids": [topics[0].pk]})  # fills the per-process caches

    response_few, queries_few = queries_for(
        lambda: patch(client, few, {"topic_ids": [topic.pk for topic in topics[:3]]})
    )
    response_many, queries_many = queries_for(
        lambda: patch(client, many, {"topic_ids": [topic.pk for topic in topics]})
    )

    assert response_few.status_code == response_many.status_code == 200, response_many.content
    assert len(response_many.json()["topics"]) == 200
    assert queries_many == queries_few


def test_repeated_ids_count_once_and_cost_nothing_more(contributor):
    client = authenticate(APIClient(), contributor)
    topics = factories.TopicFactory.create_batch(3)
    ids = [topic.pk for topic in topics]
    warm_up, once, repeated = (
        factories.BriefingFactory(status="draft", published_at=None, created_by=contributor)
        for _ in range(3)
    )
    patch(client, warm_up, {"topic_ids": ids})  # fills the per-process caches (the name index)
    _, queries_once = queries_for(lambda: patch(client, once, {"topic_ids": ids}))

    response, queries_repeated = queries_for(
        lambda: patch(client, repeated, {"topic_ids": ids * 10_000})
    )

    assert response.status_code == 200, response.content[:500]
    assert sorted(topic["id"] for topic in response.json()["topics"]) == sorted(ids)
    assert queries_repeated == queries_once


def test_an_unknown_id_is_named(contributor_client, own_draft):
    topic = factories.TopicFactory()
    [unknown] = ids_unknown_after(Topic, 1)

    response = patch(contributor_client, own_draft, {"topic_ids": [topic.pk, unknown]})

    body = assert_error_body(response, 400)
    assert body["errors"] == {"topic_ids": [f"No topic with id {unknown}."]}
    assert not own_draft.topics.exists()


def test_many_unknown_ids_are_named_a_few_at_a_time(contributor_client, own_draft):
    unknown = ids_unknown_after(Place, 8)

    response = patch(contributor_client, own_draft, {"place_ids": unknown})

    named = ", ".join(str(pk) for pk in unknown[:5])
    assert assert_error_body(response, 400)["errors"] == {
        "place_ids": [f"No places with ids {named} and 3 more."]
    }


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1,2", "Expected a list of ids but got type “str”."),
        ({"1": 2}, "Expected a list of ids but got type “dict”."),
        (["abc"], "'abc' is not an id; ids are whole numbers from 1."),
        (["²"], "'²' is not an id; ids are whole numbers from 1."),
        ([True], "True is not an id; ids are whole numbers from 1."),
        ([1.5], "1.5 is not an id; ids are whole numbers from 1."),
        ([-1], "-1 is not an id; ids are whole numbers from 1."),
        ([2**70], f"{2**70} is not an id; ids are whole numbers from 1."),
        ([None], "None is not an id; ids are whole numbers from 1."),
    ],
)
def test_what_is_not_a_list_of_ids_is_a_400_saying_so(
    contributor_client, own_draft, value, message
):
    response = patch(contributor_client, own_draft, {"topic_ids": value})

    assert assert_error_body(response, 400)["errors"] == {"topic_ids": [message]}


def test_ids_as_digit_strings_are_accepted_as_forms_send_them(contributor_client, own_draft):
    topic = factories.TopicFactory()

    response = patch(contributor_client, own_draft, {"topic_ids": [str(topic.pk)]})

    assert response.status_code == 200, response.content
    assert [t["id"] for t in response.json()["topics"]] == [topic.pk]


def test_a_contributor_cannot_relate_their_draft_to_a_draft_they_cannot_see(
    contributor_client, own_draft
):
    public = factories.BriefingFactory()
    someone_elses = factories.BriefingFactory(status="draft", published_at=None)

    refused = patch(contributor_client, own_draft, {"related_ids": [public.pk, someone_elses.pk]})
    allowed = patch(contributor_client, own_draft, {"related_ids": [public.pk]})

    # The same answer as for an id nobody has: nothing about the hidden draft leaks.
    assert assert_error_body(refused, 400)["errors"] == {
        "related_ids": [f"No briefing with id {someone_elses.pk}."]
    }
    assert allowed.status_code == 200, allowed.content
    assert list(own_draft.related.all()) == [public]


def test_the_browsable_api_offers_a_contributor_only_the_briefings_they_may_see(
    contributor_client, own_draft
):
    factories.BriefingFactory(title="A public briefing on grain")
    factories.BriefingFactory(
        title="Someone else's secret draft", status="draft", published_at=None
    )

    page = contributor_client.get(detail(own_draft), HTTP_ACCEPT="text/html").content.decode()

    assert "A public briefing on grain" in page
    assert "secret draft" not in page


def test_an_editor_relates_any_briefing(editor_client):
    briefing = factories.BriefingFactory()
    draft = factories.BriefingFactory(status="draft", published_at=None)

    response = patch(editor_client, briefing, {"related_ids": [draft.pk]})

    assert response.status_code == 200, response.content
    assert list(briefing.related.all()) == [draft]


# JSON bodies: nesting, numbers, size


@pytest.mark.parametrize(
    "body",
    [
        '{"title": ' * 5000 + '"x"' + "}" * 5000,
        "[" * HUNDRED_THOUSAND,
        '{"topic_ids": ' + "[" * 33 + "]" * 33 + "}",
    ],
    ids=["an object 5000 deep", "100000 brackets", "33 levels"],
)
def test_json_nested_too_deep_is_a_400_in_the_error_body(contributor_client, own_draft, body):
    response = patch(contributor_client, own_draft, body)

    error = assert_error_body(response, 400)
    assert error["code"] == "parse_error"
    assert error["detail"] == (
        "The JSON body is nested too deeply: at most 32 levels of arrays and objects."
    )


@pytest.mark.parametrize("number", ["1e999", "-1e999", "NaN", "Infinity", "-Infinity"])
def test_a_number_that_is_not_finite_is_a_400_and_nothing_is_stored(
    contributor_client, own_draft, number
):
    title = own_draft.title

    response = patch(contributor_client, own_draft, f'{{"title": {number}}}')

    error = assert_error_body(response, 400)
    assert error["code"] == "parse_error"
    assert "numbers must be finite" in error["detail"]
    assert number.lstrip("-") in error["detail"]
    own_draft.refresh_from_db()
    assert own_draft.title == title


def test_a_non_finite_number_deep_in_a_body_is_refused_too(editor_client):
    entry = factories.FAQEntryFactory()

    response = editor_client.generic(
        "PATCH",
        reverse("api:faqentry-detail", args=[entry.pk]),
        '{"order": 1, "topic_ids": [1e400]}',
        content_type="application/json",
    )

    assert "numbers must be finite" in assert_error_body(response, 400)["detail"]


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", json.dumps({"title": "x" * 20_000})),
        ("application/x-www-form-urlencoded", "title=" + "x" * 20_000),
        (
            "multipart/form-data; boundary=B",
            f'--B\r\nContent-Disposition: form-data; name="title"\r\n\r\n{"x" * 20_000}\r\n--B--\r\n',
        ),
    ],
    ids=["json", "form", "multipart"],
)
def test_a_body_over_the_upload_limit_is_a_413_naming_the_limit(
    contributor_client, own_draft, settings, content_type, body
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000

    response = contributor_client.generic(
        "PATCH", detail(own_draft), body, content_type=content_type
    )
    in_a_browser = contributor_client.generic(
        "PATCH", detail(own_draft), body, content_type=content_type, HTTP_ACCEPT="text/html"
    )

    assert response["Content-Type"] == "application/json"
    error = assert_error_body(response, 413)
    assert error["detail"] == "The request body is larger than the limit of 10,000 bytes."
    # The browsable API shows the same error on its page.
    assert in_a_browser.status_code == 413
    assert "10,000 bytes" in in_a_browser.content.decode()


def test_a_form_with_too_many_fields_is_a_400_naming_the_limit(contributor_client, own_draft):
    body = "&".join(f"field{n}=1" for n in range(2000))

    response = contributor_client.generic(
        "PATCH", detail(own_draft), body, content_type="application/x-www-form-urlencoded"
    )

    error = assert_error_body(response, 400)
    assert error["detail"] == "The request sends more than 1000 fields."


def test_the_import_endpoint_refuses_deep_json_too(editor_client):
    response = editor_client.generic(
        "POST", reverse("api:import"), "[" * HUNDRED_THOUSAND, content_type="application/json"
    )

    assert "nested too deeply" in assert_error_body(response, 400)["detail"]


# Protected deletes: the 409 names what blocks them


def test_deleting_a_cited_source_is_a_409_naming_the_quotes_that_cite_it(editor_client):
    source = factories.SourceFactory()
    speaker = factories.ActorFactory(name="Mark Rutte")
    quotes = [
        factories.QuoteFactory(source=source, speaker=speaker, text=f"Words number {n}.")
        for n in range(4)
    ]

    response = editor_client.delete(detail(source))

    error = assert_error_body(response, 409)
    assert error["detail"] == (
        f"This source cannot be deleted: 4 quotes (#{quotes[0].pk} “Words number 0.” — Mark "
        f"Rutte; #{quotes[1].pk} “Words number 1.” — Mark Rutte; #{quotes[2].pk} “Words number "
        "2.” — Mark Rutte; …) refer to it. Change or delete them first."
    )
    assert Source.objects.filter(pk=source.pk).exists()


def test_a_409_names_every_kind_of_object_that_blocks_a_delete(editor_client):
    actor = factories.ActorFactory(name="NATO", kind="igo")
    office = factories.OfficeFactory(organisation=actor, title="Secretary General")
    quote = factories.QuoteFactory(speaker=actor, text="We stand together.")

    response = editor_client.delete(reverse("api:actor-detail", args=[actor.pk]))

    assert assert_error_body(response, 409)["detail"] == (
        f"This actor cannot be deleted: 1 office (#{office.pk} {office}) and 1 quote "
        f"(#{quote.pk} “We stand together.” — NATO) refer to it. Change or delete them first."
    )


def test_a_topic_with_a_narrower_topic_is_a_409_naming_it(editor_client):
    broad = factories.TopicFactory(name="Security")
    factories.TopicFactory(name="Security guarantees", parent=broad)

    response = editor_client.delete(detail(broad))

    detail_text = assert_error_body(response, 409)["detail"]
    assert detail_text.startswith("This topic cannot be deleted: 1 topic (#")
    assert "Security guarantees) refers to it. Change or delete it first." in detail_text


# The schema says so


def test_the_schema_documents_the_413_and_the_caps_of_id_lists(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    patch_briefing = schema["paths"]["/api/v1/briefings/{id}/"]["patch"]
    request = schema["components"]["schemas"]["PatchedBriefingRequest"]["properties"]

    assert "413" in patch_briefing["responses"]
    assert "413" in schema["paths"]["/api/v1/briefings/"]["post"]["responses"]
    assert request["topic_ids"]["maxItems"] == 200
    assert request["source_ids"]["maxItems"] == 1000
    assert request["topic_ids"]["items"]["type"] == "integer"
