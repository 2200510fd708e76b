"""Users in the editorial roles; the groups come from the roles migration, so using them tests it too."""

import pytest
from django.contrib.auth.models import Group

from tests import factories


def _staff_in(group_name, **fields):
    user = factories.UserFactory(is_staff=True, **fields)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def contributor(roles):
    return _staff_in("Contributor", username="contributor")


@pytest.fixture
def other_contributor(roles):
    return _staff_in("Contributor", username="other-contributor")


@pytest.fixture
def editor_user(roles):
    """An editor by role, not a superuser."""
    return _staff_in("Editor", username="role-editor")


@pytest.fixture
def reader(db):
    """Signed in, but with no editorial role."""
    return factories.UserFactory(username="reader")
