"""/healthz says the process is alive; /readyz says the database and the cache answer."""

from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError, connection, connections
from django.test import override_settings

from infra import health
from infra.health import HealthCheckMiddleware

ALL_DATABASES = pytest.mark.django_db(databases="__all__")


@pytest.fixture(autouse=True)
def close_replica_connection():
    yield
    # Where DATABASE_REPLICA_URL is set, the replica mirrors the test database; a connection
    # /readyz left open to it would stop that database being dropped at the end.
    if "replica" in connections:
        connections["replica"].close()


def test_healthz_answers_ok_without_touching_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"


def test_healthz_answers_even_where_database_access_is_forbidden(client):
    # No django_db mark: any query here would fail the test.
    assert client.get("/healthz").status_code == 200


@ALL_DATABASES
def test_readyz_answers_ok_when_the_database_and_the_cache_answer(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] == "ok"
    assert set(body["checks"].values()) == {"ok"}


@ALL_DATABASES
def test_readyz_is_unavailable_when_the_database_fails(client, caplog):
    failure = OperationalError('connection to server at "db.internal" failed: refused')
    with mock.patch.object(connection, "cursor", side_effect=failure):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == "error"
    assert body["checks"]["cache"] == "ok"
    assert body["reason"] == "database: OperationalError"
    # The public answer names no host; the operators' log has the whole message.
    assert "db.internal" not in response.content.decode()
    assert "db.internal" in caplog.text


@ALL_DATABASES
@pytest.mark.parametrize("method", ["set", "get"])
def test_readyz_is_unavailable_when_the_cache_fails(client, method):
    with mock.patch.object(cache, method, side_effect=ConnectionError("redis is down")):
        response = client.get("/readyz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] == "error"
    assert body["reason"] == "cache: ConnectionError"


def test_readyz_checks_the_read_replica_when_there_is_one(client, monkeypatch):
    # Only the aliases matter here; override_settings(DATABASES=…) would warn.
    monkeypatch.setattr(settings, "DATABASES", {"default": {}, "replica": {}})
    checked = []

    def check_database(alias):
        checked.append(alias)
        if alias == "replica":
            raise OperationalError("replica is down")

    monkeypatch.setattr(health, "check_database", check_database)

    response = client.get("/readyz")

    assert checked == ["default", "replica"]
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "replica": "error", "cache": "ok"},
        "reason": "replica: OperationalError",
    }


@ALL_DATABASES
def test_readyz_names_every_failure_in_its_reason(client):
    with (
        mock.patch.object(connection, "cursor", side_effect=OperationalError("down")),
        mock.patch.object(cache, "get", return_value=None),
    ):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["reason"] == "database: OperationalError; cache: RuntimeError"


@ALL_DATABASES
@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_endpoints_answer_head(client, path):
    response = client.head(path)

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"] == "application/json"


def test_healthz_sends_no_body_to_head_so_the_server_has_nothing_to_drop(rf):
    # The test client drops HEAD bodies itself; the middleware is called directly to see its own.
    response = HealthCheckMiddleware(get_response=None)(rf.head("/healthz"))

    assert response.status_code == 200
    assert response.content == b""


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_health_endpoints_refuse_other_methods(client, path, method):
    response = getattr(client, method)(path)

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response["Cache-Control"] == "no-store"


@ALL_DATABASES
@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_endpoints_answer_a_load_balancer_probing_by_ip_over_plain_http(client, path):
    with override_settings(ALLOWED_HOSTS=["example.org"], SECURE_SSL_REDIRECT=True):
        response = client.get(path, headers={"host": "10.0.3.7:8000"})
        # The same probe anywhere else is refused: the settings are in force.
        elsewhere = client.get("/", headers={"host": "10.0.3.7:8000"})

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert elsewhere.status_code == 400


@ALL_DATABASES
@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_endpoints_are_not_redirected_to_https_in_production(client, path):
    with override_settings(ALLOWED_HOSTS=["example.org"], SECURE_SSL_REDIRECT=True):
        response = client.get(path, headers={"host": "example.org"})
        elsewhere = client.get("/", headers={"host": "example.org"})

    assert response.status_code == 200
    assert elsewhere.status_code == 301
    assert elsewhere["Location"] == "https://example.org/"


@pytest.mark.parametrize("path", ["/healthz/", "/healthz/extra", "/readyz.json"])
def test_other_paths_are_left_to_the_site(client, db, path):
    assert client.get(path).status_code == 404
