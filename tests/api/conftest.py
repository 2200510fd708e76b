"""API clients for each role, authenticated as a real client would be: with a knox token.

pytest shares conftest fixtures only down the directory tree, so the role users of
tests/briefings/conftest.py are defined again here, as thin equivalents on the same groups.
"""

import pytest
from django.contrib.auth.models import Group
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests import factories


def _user_in(group_name, **fields):
    user = factories.UserFactory(is_staff=True, **fields)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def token_for(user):
    """A new API token for `user`, as `create_api_token` would print it."""
    _instance, token = AuthToken.objects.create(user)
    return token


def authenticate(client, user):
    """Sends `Authorization: Token <key>` with every request of `client`, as `user`."""
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(user)}")
    return client


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def api_contributor(roles):
    return _user_in("Contributor", username="api-contributor")


@pytest.fixture
def api_other_contributor(roles):
    return _user_in("Contributor", username="api-other-contributor")


@pytest.fixture
def api_editor(roles):
    """An editor by role, not a superuser."""
    return _user_in("Editor", username="api-editor")


@pytest.fixture
def anonymous_client(db):
    return APIClient()


@pytest.fixture
def contributor_client(api_contributor):
    return authenticate(APIClient(), api_contributor)


@pytest.fixture
def other_contributor_client(api_other_contributor):
    return authenticate(APIClient(), api_other_contributor)


@pytest.fixture
def editor_client(api_editor):
    return authenticate(APIClient(), api_editor)


def assert_error_body(response, status):
    """Every API error has the one JSON shape {status, code, detail, errors}."""
    assert response.status_code == status, response.content[:500]
    body = response.json()
    assert set(body) >= {"status", "code", "detail", "errors"}, body
    assert body["status"] == status
    return body
