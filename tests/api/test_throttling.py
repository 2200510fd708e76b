"""Clients that send too many requests are told to slow down, and for how long."""

import pytest
from django.core.cache import cache
from rest_framework import throttling

from tests import factories

from .conftest import assert_error_body, authenticate

LOW_RATES = {"anon": "3/min", "user": "5/min"}


@pytest.fixture
def low_rates(settings, monkeypatch):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": LOW_RATES}
    # DRF copies the rates onto the throttle class when it is imported.
    monkeypatch.setattr(throttling.SimpleRateThrottle, "THROTTLE_RATES", LOW_RATES)
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_the_fourth_anonymous_request_in_a_minute_is_told_to_retry_later(api_client, low_rates):
    for _ in range(3):
        assert api_client.get("/api/v1/briefings/").status_code == 200
    response = api_client.get("/api/v1/briefings/")
    body = assert_error_body(response, 429)
    assert int(response["Retry-After"]) > 0
    assert body["code"] == "throttled"


@pytest.mark.django_db
def test_a_client_with_a_token_has_its_own_higher_allowance(api_client, low_rates, roles):
    user = factories.UserFactory(username="token-user")
    authenticate(api_client, user)
    for _ in range(5):
        assert api_client.get("/api/v1/briefings/").status_code == 200
    response = api_client.get("/api/v1/briefings/")
    assert_error_body(response, 429)
    assert int(response["Retry-After"]) > 0
