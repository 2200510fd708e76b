"""The API is mounted at /api/ and answers JSON to anyone."""

import pytest


@pytest.mark.django_db
def test_the_api_root_answers_json_naming_the_api(client):
    response = client.get("/api/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["name"] == "Briefings API"
