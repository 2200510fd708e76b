"""/api/v1/briefings/: what each role reads and writes, filters, conditional requests, CORS."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from briefings.models import Briefing
from tests import factories

from .conftest import assert_error_body

pytestmark = pytest.mark.django_db

LIST = "/api/v1/briefings/"
HIDDEN_STATES = {
    "draft": {"status": "draft", "published_at": None},
    "scheduled": {"status": "published", "published_at": "future"},
    "in review": {"status": "in_review", "published_at": None},
    "archived": {"status": "archived"},
}


def detail(briefing):
    return reverse("api:briefing-detail", args=[briefing.pk])


def hidden_briefing(state, **fields):
    values = dict(HIDDEN_STATES[state])
    if values.get("published_at") == "future":
        values["published_at"] = timezone.now() + datetime.timedelta(days=3)
    return factories.BriefingFactory(**values, **fields)


def titles(response):
    assert response.status_code == 200, response.content[:500]
    return {item["title"] for item in response.json()["results"]}


# Reading: shape and pagination


def test_the_list_has_a_count_next_and_previous_links_and_results(anonymous_client):
    factories.BriefingFactory.create_batch(3)
    response = anonymous_client.get(LIST, {"page_size": 2})
    body = response.json()
    assert response.status_code == 200
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 3
    assert "page=2" in body["next"]
    assert body["previous"] is None
    assert len(body["results"]) == 2


def test_page_size_goes_up_to_one_hundred_and_larger_requests_are_capped(anonymous_client):
    factories.BriefingFactory.create_batch(101)
    assert len(anonymous_client.get(LIST, {"page_size": 100}).json()["results"]) == 100
    capped = anonymous_client.get(LIST, {"page_size": 101}).json()
    assert len(capped["results"]) == 100
    assert capped["count"] == 101


def test_each_briefing_carries_its_id_links_markdown_html_type_and_topic_summaries(
    anonymous_client, published_briefing
):
    topic = factories.TopicFactory(name="Security")
    published_briefing.topics.add(topic)
    [item] = anonymous_client.get(LIST).json()["results"]
    assert item["id"] == published_briefing.pk
    assert item["slug"] == published_briefing.slug
    assert item["url"].endswith(detail(published_briefing))
    assert item["html_url"].startswith("http")
    assert item["html_url"].endswith(published_briefing.get_absolute_url())
    assert item["body"].startswith("## First section")
    assert "<h2" in item["body_html"]
    assert item["type"] == "analysis"
    [summary] = item["topics"]
    assert set(summary) == {"id", "name", "url", "html_url"}
    assert summary["id"] == topic.pk
    assert summary["name"] == "Security"


def test_anonymous_clients_list_only_published_briefings(anonymous_client, published_briefing):
    for state in HIDDEN_STATES:
        hidden_briefing(state, title=f"Hidden {state}")
    assert titles(anonymous_client.get(LIST)) == {published_briefing.title}


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_an_unpublished_briefing_is_not_found_for_anonymous_clients(anonymous_client, state):
    briefing = hidden_briefing(state)
    assert_error_body(anonymous_client.get(detail(briefing)), 404)


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_someone_elses_unpublished_briefing_is_not_found_for_a_contributor(
    contributor_client, api_other_contributor, state
):
    briefing = hidden_briefing(state, created_by=api_other_contributor)
    briefing.authors.add(api_other_contributor)
    assert_error_body(contributor_client.get(detail(briefing)), 404)
    assert briefing.title not in titles(contributor_client.get(LIST))


def test_a_contributor_sees_their_own_draft(contributor_client, api_contributor):
    draft = hidden_briefing("draft", created_by=api_contributor)
    assert contributor_client.get(detail(draft)).status_code == 200


def test_an_editor_sees_every_briefing_and_can_filter_by_status(editor_client, published_briefing):
    for state in HIDDEN_STATES:
        hidden_briefing(state, title=f"Hidden {state}")
    assert len(titles(editor_client.get(LIST))) == 5
    assert titles(editor_client.get(LIST, {"status": "draft"})) == {"Hidden draft"}


def test_the_status_filter_does_not_reveal_drafts_to_anonymous_clients(
    anonymous_client, draft_briefing
):
    response = anonymous_client.get(LIST, {"status": "draft"})
    assert draft_briefing.title not in titles(response)


# Reading: filters and ordering


def test_briefings_filter_by_topic_place_actor_and_type(anonymous_client):
    topic, place, actor = (
        factories.TopicFactory(),
        factories.PlaceFactory(),
        factories.ActorFactory(),
    )
    tagged = factories.BriefingFactory(title="Tagged", kind=Briefing.Kind.EXPLAINER)
    tagged.topics.add(topic)
    tagged.places.add(place)
    factories.BriefingActorFactory(briefing=tagged, actor=actor)
    factories.BriefingFactory(title="Untagged")
    assert titles(anonymous_client.get(LIST, {"topic": topic.slug})) == {"Tagged"}
    assert titles(anonymous_client.get(LIST, {"place": place.slug})) == {"Tagged"}
    assert titles(anonymous_client.get(LIST, {"actor": actor.slug})) == {"Tagged"}
    assert titles(anonymous_client.get(LIST, {"type": "explainer"})) == {"Tagged"}


def test_briefings_filter_by_year_and_publication_window(anonymous_client):
    factories.BriefingFactory(
        title="Old", published_at=datetime.datetime(2023, 5, 1, tzinfo=datetime.UTC)
    )
    factories.BriefingFactory(
        title="New", published_at=datetime.datetime(2025, 5, 1, tzinfo=datetime.UTC)
    )
    assert titles(anonymous_client.get(LIST, {"year": 2023})) == {"Old"}
    assert titles(anonymous_client.get(LIST, {"published_after": "2024-01-01T00:00:00Z"})) == {
        "New"
    }
    assert titles(anonymous_client.get(LIST, {"published_before": "2024-01-01T00:00:00Z"})) == {
        "Old"
    }


def test_briefings_filter_by_updated_since(anonymous_client):
    old = factories.BriefingFactory(title="Untouched")
    Briefing.objects.filter(pk=old.pk).update(
        updated_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    factories.BriefingFactory(title="Touched")
    since = (timezone.now() - datetime.timedelta(hours=1)).isoformat()
    assert titles(anonymous_client.get(LIST, {"updated_since": since})) == {"Touched"}


def test_q_finds_briefings_by_their_words(anonymous_client):
    factories.BriefingFactory(title="Grain corridor reopens")
    factories.BriefingFactory(title="Elections in Moldova")
    assert titles(anonymous_client.get(LIST, {"q": "grain"})) == {"Grain corridor reopens"}


@pytest.mark.parametrize(
    "params",
    [
        {"year": "last"},
        {"year": "0"},
        {"year": "10000"},
        {"year": "-293339"},
        {"type": "poem"},
        {"topic": "no-such-topic"},
        {"published_after": "soon"},
    ],
)
def test_an_invalid_filter_value_is_a_400_naming_the_filter(anonymous_client, params):
    body = assert_error_body(anonymous_client.get(LIST, params), 400)
    assert set(params) <= set(body["errors"])


def test_briefings_order_by_a_whitelisted_field(anonymous_client):
    factories.BriefingFactory(title="Bravo")
    factories.BriefingFactory(title="Alpha")
    response = anonymous_client.get(LIST, {"ordering": "title"})
    assert [item["title"] for item in response.json()["results"]] == ["Alpha", "Bravo"]
    response = anonymous_client.get(LIST, {"ordering": "-title"})
    assert [item["title"] for item in response.json()["results"]] == ["Bravo", "Alpha"]


def test_ordering_on_a_field_outside_the_whitelist_keeps_the_default_order(anonymous_client):
    day = datetime.timedelta(days=1)
    factories.BriefingFactory(title="Alpha", published_at=timezone.now() - 2 * day)
    factories.BriefingFactory(title="Bravo", published_at=timezone.now() - day)
    response = anonymous_client.get(LIST, {"ordering": "created_by__password"})
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["results"]] == ["Bravo", "Alpha"]


# Writing: roles × methods


def new_briefing(**fields):
    return {
        "title": "A new briefing",
        "slug": "a-new-briefing",
        "standfirst": "What it is about.",
        "body": "## Heading\n\nText.",
        **fields,
    }


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_anonymous_clients_may_not_write(anonymous_client, published_briefing, method):
    url = LIST if method == "post" else detail(published_briefing)
    response = getattr(anonymous_client, method)(url, new_briefing(), format="json")
    assert_error_body(response, 401)
    assert Briefing.objects.count() == 1
    published_briefing.refresh_from_db()
    assert published_briefing.title == "Ukraine peace talks and the new security landscape"


def test_a_contributor_creates_a_draft_they_own(contributor_client, api_contributor):
    response = contributor_client.post(LIST, new_briefing(), format="json")
    assert response.status_code == 201, response.content
    briefing = Briefing.objects.get(pk=response.json()["id"])
    assert briefing.status == Briefing.Status.DRAFT
    assert briefing.created_by == api_contributor
    assert list(briefing.authors.all()) == [api_contributor]
    assert response.json()["status"] == "draft"


def test_a_contributor_may_not_create_a_published_briefing(contributor_client):
    response = contributor_client.post(
        LIST, new_briefing(status="published", published_at="2025-01-01T00:00:00Z"), format="json"
    )
    body = assert_error_body(response, 400)  # refused, field by field
    assert {"status", "published_at"} <= set(body["errors"])
    assert "Only editors" in body["errors"]["status"][0]
    assert not Briefing.objects.exists()


def test_a_contributor_edits_their_own_draft(contributor_client, api_contributor):
    draft = hidden_briefing("draft", created_by=api_contributor)
    response = contributor_client.patch(detail(draft), {"title": "Better title"}, format="json")
    assert response.status_code == 200, response.content
    draft.refresh_from_db()
    assert draft.title == "Better title"


def test_a_contributor_may_not_edit_someone_elses_draft(contributor_client, api_other_contributor):
    draft = hidden_briefing("draft", created_by=api_other_contributor)
    response = contributor_client.patch(detail(draft), {"title": "Mine now"}, format="json")
    assert_error_body(response, 404)
    draft.refresh_from_db()
    assert draft.title != "Mine now"


def test_a_contributor_may_not_edit_a_published_briefing(contributor_client, published_briefing):
    response = contributor_client.patch(detail(published_briefing), {"title": "X"}, format="json")
    assert_error_body(response, 403)
    published_briefing.refresh_from_db()
    assert published_briefing.title != "X"


def test_a_contributor_may_not_publish_their_draft(contributor_client, api_contributor):
    draft = hidden_briefing("draft", created_by=api_contributor)
    response = contributor_client.patch(
        detail(draft),
        {"status": "published", "published_at": "2025-01-01T00:00:00Z"},
        format="json",
    )
    body = assert_error_body(response, 400)
    assert {"status", "published_at"} <= set(body["errors"])
    draft.refresh_from_db()
    assert draft.status == Briefing.Status.DRAFT


def test_a_contributor_may_not_delete_even_their_own_draft(contributor_client, api_contributor):
    draft = hidden_briefing("draft", created_by=api_contributor)
    assert_error_body(contributor_client.delete(detail(draft)), 403)
    assert Briefing.objects.filter(pk=draft.pk).exists()


def test_an_editor_patches_any_briefing(editor_client, published_briefing):
    response = editor_client.patch(detail(published_briefing), {"title": "Edited"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Edited"


def test_an_editor_replaces_a_briefing_with_put(editor_client, published_briefing):
    payload = new_briefing(
        title="Replaced", slug=published_briefing.slug, status="published",
        published_at=published_briefing.published_at.isoformat(),
    )  # fmt: skip
    response = editor_client.put(detail(published_briefing), payload, format="json")
    assert response.status_code == 200, response.content
    published_briefing.refresh_from_db()
    assert published_briefing.title == "Replaced"


def test_an_editor_deletes_a_briefing(editor_client, published_briefing):
    assert editor_client.delete(detail(published_briefing)).status_code == 204
    assert not Briefing.objects.exists()


def test_an_editor_creates_a_briefing_with_topics(editor_client):
    topic = factories.TopicFactory()
    response = editor_client.post(LIST, new_briefing(topic_ids=[topic.pk]), format="json")
    assert response.status_code == 201, response.content
    assert [t["id"] for t in response.json()["topics"]] == [topic.pk]


def test_an_unknown_field_is_a_400_naming_it(editor_client, published_briefing):
    response = editor_client.patch(detail(published_briefing), {"titel": "Typo"}, format="json")
    body = assert_error_body(response, 400)
    assert "titel" in body["errors"]


def test_a_published_briefing_without_a_publication_time_is_a_400_naming_the_field(editor_client):
    response = editor_client.post(
        LIST, new_briefing(status="published", published_at=None), format="json"
    )
    body = assert_error_body(response, 400)
    assert "published_at" in body["errors"]
    assert not Briefing.objects.exists()


def test_a_post_with_an_unknown_topic_creates_nothing(editor_client):
    response = editor_client.post(LIST, new_briefing(topic_ids=[999_999]), format="json")
    body = assert_error_body(response, 400)
    assert "topic_ids" in body["errors"]
    assert not Briefing.objects.exists()


# Conditional requests


def test_a_briefing_carries_an_etag_and_last_modified(anonymous_client, published_briefing):
    response = anonymous_client.get(detail(published_briefing))
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")


def test_if_none_match_with_the_current_etag_is_answered_304(anonymous_client, published_briefing):
    etag = anonymous_client.get(detail(published_briefing))["ETag"]
    response = anonymous_client.get(detail(published_briefing), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert not response.content


def test_a_patch_with_a_stale_if_match_is_412_and_changes_nothing(
    editor_client, published_briefing
):
    stale = editor_client.get(detail(published_briefing))["ETag"]
    editor_client.patch(detail(published_briefing), {"title": "First writer"}, format="json")
    response = editor_client.patch(
        detail(published_briefing), {"title": "Second writer"}, format="json", HTTP_IF_MATCH=stale
    )
    assert_error_body(response, 412)
    published_briefing.refresh_from_db()
    assert published_briefing.title == "First writer"


def test_a_delete_with_a_stale_if_match_is_412_and_deletes_nothing(
    editor_client, published_briefing
):
    response = editor_client.delete(detail(published_briefing), HTTP_IF_MATCH='"stale"')
    assert_error_body(response, 412)
    assert Briefing.objects.filter(pk=published_briefing.pk).exists()


def test_a_patch_with_the_current_etag_succeeds_and_returns_a_new_etag(
    editor_client, published_briefing
):
    etag = editor_client.get(detail(published_briefing))["ETag"]
    response = editor_client.patch(
        detail(published_briefing), {"title": "Fresh"}, format="json", HTTP_IF_MATCH=etag
    )
    assert response.status_code == 200, response.content
    assert response["ETag"] != etag
    assert response["ETag"] == editor_client.get(detail(published_briefing))["ETag"]


def test_a_patch_without_if_match_is_last_writer_wins(editor_client, published_briefing):
    editor_client.patch(detail(published_briefing), {"title": "First"}, format="json")
    response = editor_client.patch(detail(published_briefing), {"title": "Last"}, format="json")
    assert response.status_code == 200
    published_briefing.refresh_from_db()
    assert published_briefing.title == "Last"


# CORS


def test_any_origin_may_read_the_api(anonymous_client, published_briefing):
    response = anonymous_client.get(LIST, HTTP_ORIGIN="https://elsewhere.example")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_another_origin_may_not_patch(anonymous_client, published_briefing):
    response = anonymous_client.options(
        detail(published_briefing),
        HTTP_ORIGIN="https://elsewhere.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="PATCH",
    )
    allowed = {method.strip() for method in response["Access-Control-Allow-Methods"].split(",")}
    assert "GET" in allowed
    assert "PATCH" not in allowed


def test_sync_walks_changed_briefings_oldest_change_first_with_a_cursor(api_client):
    dt = datetime
    base = timezone.now() - dt.timedelta(days=10)
    made = [factories.BriefingFactory(title=f"Sync {n}") for n in range(5)]
    for n, briefing in enumerate(made):
        Briefing.objects.filter(pk=briefing.pk).update(updated_at=base + dt.timedelta(days=n))
    factories.BriefingFactory(title="Hidden draft", status="draft", published_at=None)

    url = "/api/v1/briefings/sync/?page_size=2&updated_since=" + (
        (base + dt.timedelta(days=1)).isoformat().replace("+00:00", "Z")
    )
    titles = []
    while url:
        body = api_client.get(url).json()
        assert "count" not in body
        titles += [item["title"] for item in body["results"]]
        url = body["next"]

    assert titles == ["Sync 1", "Sync 2", "Sync 3", "Sync 4"]
