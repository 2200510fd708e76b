"""The read-replica router: readers' queries go to the replica, writers' to the primary."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from django.http import HttpResponse
from django.test import RequestFactory

from briefings import changes
from briefings.models import Briefing
from infra.routers import PrimaryForWritersMiddleware, ReplicaRouter

REPOSITORY = Path(__file__).resolve().parents[1]
WITH_REPLICA = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"},
    "replica": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"},
}


def route_in_request(method="GET", **headers):
    """Where a read would go during a request like this one."""
    seen = []

    def view(request):
        seen.append(ReplicaRouter().db_for_read(Briefing))
        return HttpResponse()

    request = getattr(RequestFactory(), method.lower())("/briefings/", **headers)
    PrimaryForWritersMiddleware(view)(request)
    return seen[0]


@pytest.fixture
def replica_configured(monkeypatch):
    # Only the aliases matter to the router; override_settings(DATABASES=…) would warn.
    monkeypatch.setattr(settings, "DATABASES", WITH_REPLICA)


@pytest.mark.usefixtures("replica_configured")
def test_anonymous_reads_go_to_the_replica():
    assert not connections["default"].in_atomic_block
    assert route_in_request("GET") == "replica"
    assert route_in_request("HEAD") == "replica"


@pytest.mark.usefixtures("replica_configured")
def test_writers_and_signed_in_users_read_from_the_primary():
    assert route_in_request("POST") == "default"
    assert route_in_request("GET", HTTP_COOKIE="sessionid=abc") == "default"
    assert route_in_request("GET", HTTP_AUTHORIZATION="Token abc") == "default"
    # The request is over: the next one is routed afresh.
    assert route_in_request("GET") == "replica"


@pytest.mark.usefixtures("replica_configured")
def test_writes_migrations_and_transactions_use_the_primary(monkeypatch):
    router = ReplicaRouter()
    assert router.db_for_write(Briefing) == "default"
    assert router.allow_migrate("default", "briefings") is True
    assert router.allow_migrate("replica", "briefings") is False
    monkeypatch.setattr(connections["default"], "in_atomic_block", True)
    assert router.db_for_read(Briefing) == "default"


@pytest.mark.usefixtures("replica_configured")
def test_readers_use_the_primary_just_after_a_change(monkeypatch):
    """A page rendered from a replica that lags would be cached under the new generation."""
    changes.bump_generation()
    assert route_in_request("GET") == "default"
    later = time.time() + settings.REPLICA_LAG_SECONDS + 1
    monkeypatch.setattr(changes.time, "time", lambda: later)
    assert route_in_request("GET") == "replica"


def test_without_a_replica_everything_uses_the_primary():
    assert route_in_request("GET") == "default"


@pytest.mark.parametrize("replica_url", ["", "postgres://reader@replica.internal:5432/briefings"])
def test_the_settings_add_the_replica_only_when_configured(replica_url):
    environment = {**os.environ, "DATABASE_REPLICA_URL": replica_url}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    script = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps({'aliases': sorted(settings.DATABASES), "
        "'routers': settings.DATABASE_ROUTERS, "
        "'replica': settings.DATABASES.get('replica', {}).get('HOST'), "
        "'mirror': settings.DATABASES.get('replica', {}).get('TEST', {}).get('MIRROR')}))"
    )
    output = subprocess.run(
        [sys.executable, "-c", script],
        env={**environment, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = json.loads(output.strip().splitlines()[-1])
    assert found["routers"] == ["infra.routers.ReplicaRouter"]
    if replica_url:
        assert found["aliases"] == ["default", "replica"]
        assert found["replica"] == "replica.internal"
        assert found["mirror"] == "default"  # tests read the primary's test database
    else:
        assert found["aliases"] == ["default"]
