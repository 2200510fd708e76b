"""While the database is down the API answers 503 in its own error shape, and saves nothing."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError

from tests.test_availability import database_down


@pytest.mark.django_db
def test_an_api_read_gets_the_api_error_body_with_503(client, published_briefing):
    with database_down(InterfaceError("connection already closed")):
        response = client.get("/api/v1/briefings/")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    body = response.json()
    assert body["status"] == 503
    assert body["code"] == "unavailable"
    assert "try again" in body["detail"]


@pytest.mark.django_db
def test_an_api_write_is_not_acknowledged_while_the_database_is_down(
    editor_client, published_briefing
):
    url = f"/api/v1/briefings/{published_briefing.pk}/"
    # The token is checked; then the connection drops as the change is saved.
    lost = OperationalError("server closed the connection unexpectedly")
    with mock.patch("briefings.services.briefing_save", side_effect=lost):
        response = editor_client.patch(url, {"title": "Written during the outage"}, format="json")

    assert response.status_code == 503
    assert response.json()["code"] == "unavailable"
    published_briefing.refresh_from_db()
    assert published_briefing.title != "Written during the outage"
