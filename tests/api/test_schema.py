"""The OpenAPI schema, its documentation pages, and the command that issues API tokens."""

import re
from io import StringIO

import jsonschema
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.test import APIClient
from schemathesis.specs.openapi.definitions import OPENAPI_30

from tests import factories

pytestmark = pytest.mark.django_db

RESOURCES = [
    "briefings", "actors", "offices", "quotes", "faqs", "topics", "places", "sources",
    "corrections",
]  # fmt: skip
FOREIGN_URL = re.compile(r"""(?:src|href|url)\s*[=(]\s*["']?(?:https?:)?//""", re.IGNORECASE)


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    return response.json()


def test_the_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    jsonschema.Draft4Validator(OPENAPI_30).validate(schema)


@pytest.mark.parametrize("name", RESOURCES)
def test_the_schema_describes_the_list_and_detail_of_every_resource(schema, name):
    assert f"/api/v1/{name}/" in schema["paths"]
    details = [
        path for path in schema["paths"] if re.fullmatch(rf"/api/v1/{name}/\{{\w+\}}/", path)
    ]
    assert details, f"no detail path for {name}"
    operations = set(schema["paths"][details[0]])
    assert {"get", "put", "patch", "delete"} <= operations
    assert {"get", "post"} <= set(schema["paths"][f"/api/v1/{name}/"])


def test_the_schema_describes_token_authentication(schema):
    schemes = schema["components"]["securitySchemes"].values()
    assert any(
        s.get("type") == "apiKey" and s.get("name") == "Authorization" for s in schemes
    ) or any(s.get("type") == "http" for s in schemes)


def test_the_documentation_page_loads_only_local_files(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert not FOREIGN_URL.findall(html), [
        line.strip() for line in html.splitlines() if FOREIGN_URL.search(line)
    ]


def test_create_api_token_prints_a_token_that_authenticates(roles):
    user = factories.UserFactory(username="analyst")
    out = StringIO()
    call_command("create_api_token", "analyst", "--days", "7", stdout=out)
    token = out.getvalue().split()[-1]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = client.get("/api/v1/briefings/")
    assert response.status_code == 200
    assert response.wsgi_request.user == user


def test_a_made_up_token_is_refused_with_the_error_body(client):
    response = client.get("/api/v1/briefings/", HTTP_AUTHORIZATION="Token not-a-real-token")
    assert response.status_code == 401
    assert set(response.json()) >= {"status", "code", "detail", "errors"}


def test_create_api_token_refuses_an_unknown_user():
    with pytest.raises(CommandError, match="nobody-by-this-name"):
        call_command("create_api_token", "nobody-by-this-name", stdout=StringIO())


def test_the_documentation_page_runs_under_the_sites_policy_with_a_nonce(client):
    response = client.get(reverse("api:docs"))

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "img-src 'self' data: blob:" in policy
    assert "connect-src 'self'" in policy
    assert "unsafe-inline" not in policy
    nonce = re.search(r"'nonce-([^']+)'", policy)[1]
    html = response.content.decode()
    assert html.count(f'nonce="{nonce}"') == 2  # the one inline style, the one inline script
    assert html.count("<script") - html.count("<script src=") == 1


def test_redoc_moved_to_the_swagger_ui(client):
    response = client.get("/api/redoc/")
    assert response.status_code == 301
    assert response["Location"] == reverse("api:docs")


def test_an_unknown_api_address_answers_the_json_error_body_and_the_site_its_page(client):
    api = client.get("/api/v1/no-such-resource/")
    site = client.get("/no-such-page/")

    assert api.status_code == 404
    assert api.json() == {
        "status": 404,
        "code": "not_found",
        "detail": "No such address in the API.",
        "errors": {},
    }
    assert site.status_code == 404
    assert "text/html" in site["Content-Type"]


def test_the_schema_generates_and_validates_without_a_single_warning(tmp_path):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )

    assert "/api/v1/briefings/sync/" in (tmp_path / "schema.yaml").read_text()
