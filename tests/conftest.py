"""Shared fixtures, and the CI rule that nothing skips except PostgreSQL-only tests on SQLite."""

import os

import pytest
from django.db import connection

from tests import factories


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


_skipped = []


def pytest_runtest_logreport(report):
    if report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        _skipped.append((report.nodeid, reason))


def pytest_sessionfinish(session, exitstatus):
    """In CI, a skip is a failure, except a PostgreSQL-only test skipping on SQLite."""
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
