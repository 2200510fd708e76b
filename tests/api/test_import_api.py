"""`POST /api/v1/import/`: editors import a briefing from text; everyone else is refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from briefings.models import Actor, Briefing, Quote
from tests import factories

from .conftest import assert_error_body

URL = "/api/v1/import/"

TEXT = """\
Grain corridor talks resume

Negotiators met again in Istanbul to restart grain shipments across the Black Sea.

Where things stand

“The corridor is a lifeline for importers far from the war,” said UN envoy Rebeca Grynspan.

Frequently asked questions

Who takes part?
Ukraine, Türkiye and the United Nations, with Russia consulted separately.
"""


@pytest.fixture
def grynspan(db):
    return factories.ActorFactory(name="Rebeca Grynspan", slug="rebeca-grynspan")


def test_an_editor_imports_a_draft_and_gets_a_report(editor_client, grynspan):
    response = editor_client.post(URL, {"text": TEXT}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    briefing = Briefing.objects.get()
    assert body["committed"] is True
    assert body["briefing"]["id"] == briefing.pk
    assert body["briefing"]["status"] == "draft"
    assert body["briefing"]["sections"] == ["Where things stand"]
    assert body["briefing"]["url"].endswith(f"/api/v1/briefings/{briefing.pk}/")
    assert body["briefing"]["admin_url"].endswith(
        f"/admin/briefings/briefing/{briefing.pk}/change/"
    )
    (quote,) = body["quotes"]
    assert quote["speaker"] == {
        "id": grynspan.pk,
        "name": "Rebeca Grynspan",
        "slug": "rebeca-grynspan",
        "new": False,
    }
    assert quote["attribution"] == "UN envoy"
    assert body["faq"] == [
        {
            "question": "Who takes part?",
            "answer": "Ukraine, Türkiye and the United Nations, with Russia consulted separately.",
        }
    ]
    assert body["summary"].startswith("Imported “Grain corridor talks resume” as a draft")


def test_a_dry_run_answers_200_and_writes_nothing(editor_client):
    response = editor_client.post(URL, {"text": TEXT, "dry_run": True}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["committed"] is False
    assert body["briefing"]["id"] is None and body["briefing"]["url"] is None
    assert body["new_actors"] == ["Rebeca Grynspan"]
    assert not Briefing.objects.exists() and not Actor.objects.exists()


def test_a_file_upload_is_imported_too(editor_client, grynspan):
    upload = SimpleUploadedFile("grain.txt", TEXT.encode(), content_type="text/plain")
    response = editor_client.post(URL, {"file": upload}, format="multipart")
    assert response.status_code == 201
    assert Quote.objects.get().speaker == grynspan


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({}, "text", "Give the briefing as `text` or as `file`"),
        ({"text": "  "}, "text", "The input is empty."),
        ({"text": "---\ntype: poem\n---\nTitle\n\nText."}, "type", "Unknown type “poem”"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(editor_client, payload, field, message):
    body = assert_error_body(editor_client.post(URL, payload, format="json"), 400)
    assert any(message in problem for problem in body["errors"][field]), body
    assert not Briefing.objects.exists()


def test_a_binary_upload_is_a_400_on_the_file(editor_client):
    upload = SimpleUploadedFile("scan.pdf", b"%PDF-1.7\x00\x00\x01", content_type="application/pdf")
    body = assert_error_body(editor_client.post(URL, {"file": upload}, format="multipart"), 400)
    assert "“scan.pdf” looks like a binary file" in body["errors"]["file"][0]


def test_contributors_and_anonymous_clients_are_refused(contributor_client, anonymous_client):
    assert_error_body(contributor_client.post(URL, {"text": TEXT}, format="json"), 403)
    assert_error_body(anonymous_client.post(URL, {"text": TEXT}, format="json"), 401)
    assert not Briefing.objects.exists()


def test_the_operation_is_in_the_schema(anonymous_client):
    schema = anonymous_client.get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/import/"]["post"]
    assert operation["operationId"] == "import_briefing"
    assert set(operation["requestBody"]["content"]) == {"application/json", "multipart/form-data"}
    assert {"200", "201", "400", "401", "403"} <= set(operation["responses"])


def test_an_oversized_upload_is_refused_before_it_is_read(editor_client):
    upload = SimpleUploadedFile("big.md", b"x" * 600_000, content_type="text/markdown")
    body = assert_error_body(editor_client.post(URL, {"file": upload}, format="multipart"), 400)
    assert body["errors"]["file"] == [
        "“big.md” is 600 kB; a briefing can be at most 500 kB. Split it or remove embedded images."
    ]
