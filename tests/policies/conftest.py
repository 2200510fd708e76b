"""The people of the policy tests, signed in on each surface, and what a browser would post back.

The role users come from tests/briefings/conftest.py (`contributor`, `other_contributor`,
`editor_user`: an editor by role, not a superuser); a co-author, a stranger who writes the other
briefings, and a second editor are added here on the same groups. Users are made only when a
test asks for their role, so a test pays for the people it uses.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.test import Client
from rest_framework.test import APIClient

from tests import factories
from tests.api.conftest import authenticate
from tests.briefings.conftest import (  # noqa: F401 (fixtures, shared by import)
    contributor,
    editor_user,
    other_contributor,
)
from tests.briefings.test_admin import form_data  # noqa: F401  (the admin form as a browser posts it)

PASSWORD = "correct horse battery staple"  # the factories' password
DRAFT_PREVIEW = re.compile("draft preview", re.IGNORECASE)

# Who plays each role of the rules: the fixture that makes them.
ROLE_FIXTURES = {
    "owner": "contributor",  # started the briefing (created_by) and is among its authors
    "coauthor": "coauthor",  # among the briefing's authors only
    "other": "other_contributor",  # another contributor
    "editor": "editor_user",
    "stranger": "stranger",  # a contributor who writes the briefings nobody else plays in
}


def _in_group(group_name, username):
    user = factories.UserFactory(is_staff=True, username=username)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def coauthor(roles):
    return _in_group("Contributor", "coauthor")


@pytest.fixture
def stranger(roles):
    return _in_group("Contributor", "stranger")


@pytest.fixture
def second_editor(roles):
    return _in_group("Editor", "second-editor")


def web_as(user):
    """A browser signed in as `user`: the Django test client."""
    client = Client()
    client.force_login(user)
    return client


def api_as(user):
    """An API client sending `user`'s token, as real clients do."""
    return authenticate(APIClient(), user)


class People:
    """The user of each role, made on first use; None for an anonymous visitor."""

    def __init__(self, request):
        self._request = request

    def __call__(self, role):
        if role == "anonymous":
            return None
        return self._request.getfixturevalue(ROLE_FIXTURES[role])

    def web(self, role):
        return Client() if role == "anonymous" else web_as(self(role))

    def api(self, role):
        return APIClient() if role == "anonymous" else api_as(self(role))


@pytest.fixture
def people(request, roles):
    return People(request)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def is_login_redirect(response):
    return response.status_code == 302 and "/admin/login/" in response["Location"]
