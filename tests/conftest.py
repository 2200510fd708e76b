"""Shared fixtures, and the CI rule that nothing skips except PostgreSQL-only tests on SQLite."""

import importlib
import os

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from briefings.search import vectors
from infra import page_cache
from tests import factories


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a test's database is gone when the next starts."""
    cache.clear()
    page_cache.local_pages.clear()


@pytest.fixture(autouse=True)
def search_vectors_refresh_like_autocommit(monkeypatch):
    """A test runs inside a transaction that never commits, so `on_commit` never fires.

    In production a save outside any transaction of the code's own commits at once and its
    search vectors are refreshed straight after; inside a test the test's own transaction
    stands in for autocommit. Saves inside the code's own `atomic` blocks still wait for a
    commit, as they do in production: tests of that use `transaction=True`.
    """

    def in_transaction(connection):
        return any(
            not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks
        )

    monkeypatch.setattr(vectors, "in_transaction", in_transaction)


@pytest.fixture
def editor(db):
    """A staff user who may do everything in the admin."""
    return factories.UserFactory(username="editor", is_staff=True, is_superuser=True)


@pytest.fixture
def published_briefing(db):
    return factories.BriefingFactory(title="Ukraine peace talks and the new security landscape")


@pytest.fixture
def draft_briefing(db):
    return factories.BriefingFactory(
        title="A draft nobody may see yet", status="draft", published_at=None
    )


@pytest.fixture
def postgres_only():
    """Skip, saying why, on databases other than PostgreSQL."""
    if connection.vendor != "postgresql":
        pytest.skip(f"needs PostgreSQL; this run uses {connection.vendor}")


@pytest.fixture
def roles(db):
    """The Contributor and Editor groups, with their permissions.

    The roles migration creates them, but a transactional test empties every table when it ends
    (post_migrate brings back content types and permissions, not data migrations' rows), so the
    groups are gone for every such test but the first. This runs the migration's own code again,
    on the historical models it was written for.
    """
    if Group.objects.filter(name__in=["Contributor", "Editor"]).count() < 2:
        migration = importlib.import_module("briefings.migrations.0006_roles")
        state = MigrationLoader(connection).project_state(("briefings", "0006_roles"))
        migration.create_roles(state.apps, None)


_skipped = []


def pytest_runtest_logreport(report):
    if report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        _skipped.append((report.nodeid, reason))


def pytest_sessionfinish(session, exitstatus):
    """In CI, a skip is a failure, except a PostgreSQL-only test skipping on SQLite."""
    if hasattr(session.config, "workerinput"):
        return  # a pytest-xdist worker: the controller gets every report and decides
    if not os.environ.get("CI") or not _skipped:
        return
    on_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres", "pgsql"))
    forbidden = [
        (nodeid, reason) for nodeid, reason in _skipped if on_postgres or "PostgreSQL" not in reason
    ]
    if forbidden:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        reporter.write_line("CI forbids these skips:", red=True)
        for nodeid, reason in forbidden:
            reporter.write_line(f"  {nodeid}: {reason}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
