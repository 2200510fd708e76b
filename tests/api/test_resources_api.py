"""The other resources: actors, offices, quotes, faqs, topics, places, sources, corrections.

Writes follow the briefing serializer's convention: a related object is read as a summary under
its name and written as an id under `<name>_id` (or `<name>_ids`).
"""

import datetime
from dataclasses import dataclass, field

import pytest

from briefings.models import Actor, Correction, FAQEntry, Office, Place, Quote, Source, Topic
from tests import factories

from .conftest import assert_error_body

pytestmark = pytest.mark.django_db


def public_quote(**fields):
    quote = factories.QuoteFactory(**fields)
    factories.BriefingQuoteFactory(quote=quote, briefing=factories.BriefingFactory())
    return quote


def draft():
    return factories.BriefingFactory(status="draft", published_at=None)


@dataclass
class Resource:
    path: str
    model: type
    make: object
    label: str
    html: bool
    create: object  # () -> payload
    update: dict
    contributor_may: set = field(default_factory=set)
    # How a refused create answers: 403 by role, or 400 naming a field the role may not choose.
    add_refusal: tuple = (403, None)

    def list_url(self):
        return f"/api/v1/{self.path}/"

    def detail_url(self, obj):
        return f"/api/v1/{self.path}/{obj.pk}/"


RESOURCES = {
    "actors": Resource(
        "actors", Actor, factories.ActorFactory, "name", True,
        lambda: {"name": "Kaja Kallas", "slug": "kaja-kallas", "kind": "person"},
        {"short_description": "High Representative"}, {"add"},
    ),
    "offices": Resource(
        "offices", Office, factories.OfficeFactory, "title", False,
        lambda: {"title": "High Representative", "organisation_id": factories.ActorFactory(kind="igo").pk},
        {"title": "Vice-President"}, set(),
    ),
    "quotes": Resource(
        "quotes", Quote, public_quote, "text", True,
        lambda: {"text": "We stand ready.", "speaker_id": factories.ActorFactory().pk,
                 "said_on": "2025-03-01"},
        # A quote a public briefing uses is read-only to contributors.
        {"occasion": "Press conference"}, {"add"},
    ),
    "faqs": Resource(
        "faqs", FAQEntry, factories.FAQEntryFactory, "question", True,
        lambda: {"question": "Who decides?", "answer": "The Council.",
                 "briefing_id": factories.BriefingFactory().pk},
        # On someone else's (here: published) briefing; on their own drafts, see below.
        {"answer": "The Council, unanimously."}, set(), (400, "briefing_id"),
    ),
    "topics": Resource(
        "topics", Topic, factories.TopicFactory, "name", True,
        lambda: {"name": "Energy", "slug": "energy", "description": "Power and fuel."},
        {"description": "Gas, oil and power."}, set(),
    ),
    "places": Resource(
        "places", Place, factories.PlaceFactory, "name", True,
        lambda: {"name": "Moldova", "slug": "moldova", "kind": "country"},
        {"name": "Republic of Moldova"}, set(),
    ),
    "sources": Resource(
        "sources", Source, factories.SourceFactory, "title", False,
        lambda: {"document_url": "https://example.org/new", "title": "Communiqué",
                 "publisher": "NATO", "kind": "transcript"},
        {"publisher": "NATO Public Diplomacy"}, {"add"},
    ),
    "corrections": Resource(
        "corrections", Correction, factories.CorrectionFactory, "text", True,
        lambda: {"briefing_id": factories.BriefingFactory().pk, "text": "The date was wrong."},
        {"text": "The date of the summit was wrong."}, set(),
    ),
}  # fmt: skip

ALL = list(RESOURCES)


# Reading


@pytest.mark.parametrize("name", ALL)
def test_anyone_lists_the_resource_with_summary_fields(anonymous_client, name):
    res = RESOURCES[name]
    obj = res.make()
    response = anonymous_client.get(res.list_url())
    assert response.status_code == 200, response.content[:300]
    body = response.json()
    assert {"next", "previous", "results"} <= set(body)
    [item] = body["results"]
    assert item["id"] == obj.pk
    assert item["url"].endswith(res.detail_url(obj))
    assert res.label in item
    if res.html:
        assert item["html_url"].startswith("http")


@pytest.mark.parametrize("name", ALL)
def test_anyone_reads_one_object_with_an_etag(anonymous_client, name):
    res = RESOURCES[name]
    obj = res.make()
    response = anonymous_client.get(res.detail_url(obj))
    assert response.status_code == 200, response.content[:300]
    assert response.json()["id"] == obj.pk
    assert response["ETag"]


@pytest.mark.parametrize("name", ALL)
def test_an_unknown_id_is_a_404_with_the_error_body(anonymous_client, name):
    assert_error_body(anonymous_client.get(f"/api/v1/{name}/999999/"), 404)


# Writing: roles


@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_anonymous_clients_may_not_write(anonymous_client, name, method):
    res = RESOURCES[name]
    obj = res.make()
    before = res.model.objects.count()
    url = res.list_url() if method == "post" else res.detail_url(obj)
    assert_error_body(getattr(anonymous_client, method)(url, res.update, format="json"), 401)
    assert res.model.objects.count() == before


@pytest.mark.parametrize("name", ALL)
def test_an_editor_creates_updates_and_deletes(editor_client, name):
    res = RESOURCES[name]
    response = editor_client.post(res.list_url(), res.create(), format="json")
    assert response.status_code == 201, response.content[:500]
    obj = res.model.objects.get(pk=response.json()["id"])
    response = editor_client.patch(res.detail_url(obj), res.update, format="json")
    assert response.status_code == 200, response.content[:500]
    [(key, value)] = res.update.items()
    assert response.json()[key] == value
    assert editor_client.delete(res.detail_url(obj)).status_code == 204
    assert not res.model.objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("name", ALL)
def test_a_contributor_may_add_only_what_their_role_allows(contributor_client, name):
    res = RESOURCES[name]
    payload = res.create()
    before = res.model.objects.count()
    response = contributor_client.post(res.list_url(), payload, format="json")
    if "add" in res.contributor_may:
        assert response.status_code == 201, response.content[:500]
    else:
        status, field_name = res.add_refusal
        body = assert_error_body(response, status)
        if field_name:
            assert field_name in body["errors"]
        assert res.model.objects.count() == before


@pytest.mark.parametrize("name", ALL)
def test_a_contributor_may_change_only_what_their_role_allows(contributor_client, name):
    res = RESOURCES[name]
    obj = res.make()
    response = contributor_client.patch(res.detail_url(obj), res.update, format="json")
    if "change" in res.contributor_may:
        assert response.status_code == 200, response.content[:500]
    else:
        assert_error_body(response, 403)


@pytest.mark.parametrize("name", ALL)
def test_a_contributor_may_delete_only_what_their_role_allows(contributor_client, name):
    res = RESOURCES[name]
    obj = res.make()
    response = contributor_client.delete(res.detail_url(obj))
    if "delete" in res.contributor_may:
        assert response.status_code == 204
    else:
        assert_error_body(response, 403)
        assert res.model.objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("name", ["actors", "topics", "places", "sources"])
def test_an_unknown_field_is_a_400_naming_it(editor_client, name):
    res = RESOURCES[name]
    response = editor_client.post(res.list_url(), {**res.create(), "colour": "red"}, format="json")
    body = assert_error_body(response, 400)
    assert "colour" in body["errors"]
    assert not res.model.objects.exists()


# Drafts never leak


def test_a_quote_used_only_by_a_draft_is_not_found_and_not_listed(anonymous_client):
    hidden = factories.BriefingQuoteFactory(briefing=draft()).quote
    shown = public_quote()
    assert_error_body(anonymous_client.get(f"/api/v1/quotes/{hidden.pk}/"), 404)
    ids = [item["id"] for item in anonymous_client.get("/api/v1/quotes/").json()["results"]]
    assert ids == [shown.pk]


def test_an_faq_entry_on_a_draft_is_not_found_and_not_listed(anonymous_client):
    hidden = factories.FAQEntryFactory(briefing=draft())
    standalone = factories.FAQEntryFactory(briefing=None)
    assert_error_body(anonymous_client.get(f"/api/v1/faqs/{hidden.pk}/"), 404)
    ids = [item["id"] for item in anonymous_client.get("/api/v1/faqs/").json()["results"]]
    assert ids == [standalone.pk]


def test_a_correction_on_a_draft_is_not_found_and_not_listed(anonymous_client):
    hidden = factories.CorrectionFactory(briefing=draft())
    assert_error_body(anonymous_client.get(f"/api/v1/corrections/{hidden.pk}/"), 404)
    assert anonymous_client.get("/api/v1/corrections/").json()["results"] == []


def test_an_editor_sees_a_quote_used_only_by_a_draft(editor_client):
    hidden = factories.BriefingQuoteFactory(briefing=draft()).quote
    assert editor_client.get(f"/api/v1/quotes/{hidden.pk}/").status_code == 200


# Filters


def ids(response):
    assert response.status_code == 200, response.content[:500]
    return {item["id"] for item in response.json()["results"]}


def test_quotes_filter_by_speaker_briefing_topic_verification_and_date(anonymous_client):
    topic = factories.TopicFactory()
    source = factories.SourceFactory()
    briefing = factories.BriefingFactory()
    briefing.topics.add(topic)
    match = factories.QuoteFactory(
        said_on=datetime.date(2024, 6, 1), verification="verified", source=source
    )
    factories.BriefingQuoteFactory(briefing=briefing, quote=match)
    other = public_quote(said_on=datetime.date(2022, 6, 1))
    url = "/api/v1/quotes/"
    assert ids(anonymous_client.get(url, {"speaker": match.speaker.slug})) == {match.pk}
    assert ids(anonymous_client.get(url, {"briefing": briefing.pk})) == {match.pk}
    assert ids(anonymous_client.get(url, {"topic": topic.slug})) == {match.pk}
    assert ids(anonymous_client.get(url, {"verification": "verified"})) == {match.pk}
    assert ids(anonymous_client.get(url, {"said_after": "2023-01-01"})) == {match.pk}
    assert ids(anonymous_client.get(url, {"said_before": "2023-01-01"})) == {other.pk}


@pytest.mark.parametrize(
    "params", [{"verification": "true"}, {"year": "0"}, {"year": "-5"}, {"said_after": "soon"}]
)
def test_quotes_reject_an_invalid_filter_value(anonymous_client, params):
    body = assert_error_body(anonymous_client.get("/api/v1/quotes/", params), 400)
    assert set(params) <= set(body["errors"])


def test_actors_filter_by_kind_country_and_office(anonymous_client):
    country = factories.PlaceFactory(kind="country")
    tenure = factories.TenureFactory(actor=factories.ActorFactory(country=country))
    person = tenure.actor
    url = "/api/v1/actors/"
    assert ids(anonymous_client.get(url, {"kind": "igo"})) == {tenure.office.organisation.pk}
    assert ids(anonymous_client.get(url, {"country": country.slug})) == {person.pk}
    assert ids(anonymous_client.get(url, {"office": tenure.office.pk})) == {person.pk}


def test_faqs_filter_by_briefing_and_topic(anonymous_client):
    topic = factories.TopicFactory()
    entry = factories.FAQEntryFactory()
    entry.topics.add(topic)
    factories.FAQEntryFactory()
    url = "/api/v1/faqs/"
    assert ids(anonymous_client.get(url, {"briefing": entry.briefing.pk})) == {entry.pk}
    assert ids(anonymous_client.get(url, {"topic": topic.slug})) == {entry.pk}


@pytest.mark.parametrize("name", ALL)
def test_q_searches_every_list(anonymous_client, name):
    res = RESOURCES[name]
    res.make()
    response = anonymous_client.get(res.list_url(), {"q": "zzz-matches-nothing"})
    assert response.status_code == 200, response.content[:300]
    assert response.json()["results"] == []


# Quotes: cursor pagination, expansion, verification


def test_quotes_page_with_a_cursor_and_no_count(anonymous_client):
    for _ in range(3):
        public_quote()
    body = anonymous_client.get("/api/v1/quotes/", {"page_size": 2}).json()
    assert "count" not in body
    assert "cursor=" in body["next"]
    second = anonymous_client.get(body["next"]).json()
    assert len(body["results"]) + len(second["results"]) == 3
    assert second["next"] is None


def test_expand_embeds_the_full_speaker_and_source_of_a_quote(anonymous_client):
    source = factories.SourceFactory(publisher="Kremlin")
    quote = public_quote(source=source)
    [item] = anonymous_client.get("/api/v1/quotes/", {"expand": "speaker,source"}).json()["results"]
    assert item["speaker"]["id"] == quote.speaker.pk
    assert item["speaker"]["kind"] == "person"
    assert item["source"]["publisher"] == "Kremlin"
    [plain] = anonymous_client.get("/api/v1/quotes/").json()["results"]
    assert "publisher" not in plain["source"]


def test_a_contributor_may_not_mark_a_quote_verified(contributor_client):
    quote = public_quote(source=factories.SourceFactory())
    response = contributor_client.patch(
        f"/api/v1/quotes/{quote.pk}/", {"verification": "verified"}, format="json"
    )
    assert response.status_code in {400, 403}, response.content[:300]
    body = assert_error_body(response, response.status_code)
    if response.status_code == 400:
        assert "verification" in body["errors"]
    quote.refresh_from_db()
    assert quote.verification == "reported"


def test_a_verified_quote_without_a_source_is_a_400_naming_the_source(editor_client):
    payload = {**RESOURCES["quotes"].create(), "verification": "verified"}
    body = assert_error_body(editor_client.post("/api/v1/quotes/", payload, format="json"), 400)
    assert {"source", "source_id"} & set(body["errors"])
    assert not Quote.objects.exists()


def test_an_editor_marks_a_sourced_quote_verified(editor_client):
    quote = public_quote(source=factories.SourceFactory())
    response = editor_client.patch(
        f"/api/v1/quotes/{quote.pk}/", {"verification": "verified"}, format="json"
    )
    assert response.status_code == 200, response.content[:500]
    quote.refresh_from_db()
    assert quote.verification == "verified"


def test_actors_show_their_aliases_and_tenures(anonymous_client):
    tenure = factories.TenureFactory()
    factories.ActorAliasFactory(actor=tenure.actor, name="Alias One")
    response = anonymous_client.get(f"/api/v1/actors/{tenure.actor.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert [alias["name"] for alias in body["aliases"]] == ["Alias One"]
    assert len(body["tenures"]) == 1


def test_a_contributor_writes_the_faq_entries_of_their_own_draft(
    contributor_client, api_contributor
):
    own = factories.BriefingFactory(status="draft", published_at=None, created_by=api_contributor)
    payload = {"question": "Why now?", "answer": "Because.", "briefing_id": own.pk}
    response = contributor_client.post("/api/v1/faqs/", payload, format="json")
    assert response.status_code == 201, response.content[:500]
    url = f"/api/v1/faqs/{response.json()['id']}/"
    response = contributor_client.patch(url, {"answer": "Because it matters."}, format="json")
    assert response.status_code == 200, response.content[:500]
    assert contributor_client.delete(url).status_code == 204
    assert not FAQEntry.objects.exists()


def test_a_contributor_may_not_write_a_general_faq_entry(contributor_client):
    payload = {"question": "Who are you?", "answer": "A newsroom.", "briefing_id": None}
    body = assert_error_body(contributor_client.post("/api/v1/faqs/", payload, format="json"), 400)
    assert "briefing_id" in body["errors"]
    general = factories.FAQEntryFactory(briefing=None)
    response = contributor_client.patch(
        f"/api/v1/faqs/{general.pk}/", {"answer": "X"}, format="json"
    )
    assert_error_body(response, 403)
