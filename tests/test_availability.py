"""A database that is down gives readers and API clients a 503 with Retry-After, not a traceback."""

import logging
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import override_settings

from infra.availability import DatabaseUnavailableMiddleware


def database_down(error=None):
    """Every new cursor fails as PostgreSQL's refused connection does."""
    error = error or OperationalError('connection to server at "127.0.0.1", port 5432 failed')
    return mock.patch.object(connection, "cursor", side_effect=error)


@pytest.mark.django_db
def test_a_page_says_come_back_in_a_moment_while_the_database_is_down(client, published_briefing):
    with database_down():
        response = client.get(published_briefing.get_absolute_url())

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "Back in a moment" in page
    assert "Traceback" not in page and "OperationalError" not in page and "5432" not in page


@pytest.mark.django_db
def test_the_site_answers_normally_as_soon_as_the_database_is_back(client, published_briefing):
    with database_down():
        assert client.get(published_briefing.get_absolute_url()).status_code == 503

    response = client.get(published_briefing.get_absolute_url())

    assert response.status_code == 200
    assert published_briefing.title in response.content.decode()


@pytest.mark.django_db
@override_settings(PAGE_CACHE_SECONDS=300)
def test_a_503_is_never_stored_in_the_page_cache(client, published_briefing):
    url = published_briefing.get_absolute_url()
    with database_down():
        assert client.get(url).status_code == 503

    response = client.get(url)

    assert response.status_code == 200
    assert response["X-Cache"] == "miss"


@pytest.mark.django_db
def test_the_outage_is_logged_once_not_once_per_request(
    client, published_briefing, caplog, monkeypatch
):
    monkeypatch.setattr(DatabaseUnavailableMiddleware, "_last_logged", 0.0)
    with database_down(), caplog.at_level(logging.WARNING, logger="briefings.availability"):
        for _ in range(3):
            client.get(published_briefing.get_absolute_url())

    warnings = [r for r in caplog.records if r.name == "briefings.availability"]
    assert len(warnings) == 1  # one line per ten seconds, not one per request
    assert "OperationalError" in warnings[0].getMessage()
    assert "5432" in warnings[0].getMessage()  # the operators' log has the whole message


@pytest.mark.django_db
def test_other_errors_are_still_errors(client, published_briefing):
    with (
        mock.patch.object(connection, "cursor", side_effect=RuntimeError("a bug")),
        pytest.raises(RuntimeError),
    ):
        client.get(published_briefing.get_absolute_url())
