"""Who may do what: every role against every action, in the permission functions and the services."""

import datetime
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from briefings import policies, services
from briefings.models import Actor, ActorAlias, ActorRedirect, Briefing, Quote
from tests import factories

pytestmark = pytest.mark.django_db

Status = Briefing.Status

OWNER = "the contributor who wrote it"
NON_OWNER = "another contributor"
EDITOR = "an editor"
SUPERUSER = "a superuser"
READER = "a reader without a role"
INACTIVE_EDITOR = "an inactive editor"
ANONYMOUS = "an anonymous visitor"
ROLES = [OWNER, NON_OWNER, EDITOR, SUPERUSER, READER, INACTIVE_EDITOR, ANONYMOUS]
EDITORS = {EDITOR, SUPERUSER}
CONTRIBUTORS = {OWNER, NON_OWNER}


@pytest.fixture
def superuser(db):
    return factories.UserFactory(username="superuser", is_staff=True, is_superuser=True)


@pytest.fixture
def inactive_editor(db):
    user = factories.UserFactory(username="former-editor", is_staff=True, is_active=False)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


@pytest.fixture
def user(request, role):
    """The user playing `role`; every briefing below was written by the `contributor` fixture."""
    if role == ANONYMOUS:
        return AnonymousUser()
    fixture = {
        OWNER: "contributor",
        NON_OWNER: "other_contributor",
        EDITOR: "editor_user",
        SUPERUSER: "superuser",
        READER: "reader",
        INACTIVE_EDITOR: "inactive_editor",
    }[role]
    return request.getfixturevalue(fixture)


@pytest.fixture
def content(contributor):
    """A briefing by the contributor in each status, a sourced quote and two actors to merge."""

    def written_by_contributor(status, published_at=None):
        return factories.BriefingFactory(
            status=status, published_at=published_at, created_by=contributor
        )

    yesterday = timezone.now() - datetime.timedelta(days=1)
    return SimpleNamespace(
        draft=written_by_contributor(Status.DRAFT),
        in_review=written_by_contributor(Status.IN_REVIEW),
        published=written_by_contributor(Status.PUBLISHED, yesterday),
        quote=factories.QuoteFactory(source=factories.SourceFactory()),
        survivor=factories.ActorFactory(name="Volodymyr Zelensky"),
        duplicate=factories.ActorFactory(name="Volodymyr Zelenskyy"),
    )


def database_state():
    """Everything the actions below could write, re-read from the database."""
    return {
        "briefings": list(Briefing.objects.order_by("pk").values()),
        "briefing history": Briefing.history.count(),
        "authors": list(Briefing.authors.through.objects.order_by("pk").values()),
        "quotes": list(Quote.objects.order_by("pk").values()),
        "actors": list(Actor.objects.order_by("pk").values()),
        "aliases": list(ActorAlias.objects.order_by("pk").values()),
        "redirects": list(ActorRedirect.objects.order_by("pk").values()),
    }


def fresh(briefing):
    return Briefing.objects.get(pk=briefing.pk)


def edit(briefing, by):
    briefing = fresh(briefing)
    briefing.body = "## A new section\n\nRewritten by someone."
    services.briefing_save(briefing=briefing, by=by, expected_version=briefing.version)


def publish_by_saving(briefing, by):
    briefing = fresh(briefing)
    briefing.status = Status.PUBLISHED
    briefing.published_at = timezone.now()
    services.briefing_save(briefing=briefing, by=by, expected_version=briefing.version)


def create(by):
    briefing = Briefing(title="A new briefing", slug="a-new-briefing", standfirst="Why it matters.")
    services.briefing_save(briefing=briefing, by=by)


@dataclass
class Action:
    """One row of the table: who may do it, the permission function, and the service doing it."""

    allowed: set
    check: object
    perform: object = None


IN_A_WEEK = datetime.timedelta(days=7)

ACTIONS = {
    "create a briefing": Action(
        allowed=CONTRIBUTORS | EDITORS,
        check=lambda user, c: policies.can_create(user, Briefing),
        perform=lambda user, c: create(user),
    ),
    "edit a draft": Action(
        allowed={OWNER} | EDITORS,
        check=lambda user, c: policies.can_change(user, c.draft),
        perform=lambda user, c: edit(c.draft, user),
    ),
    "edit a briefing in review": Action(
        allowed=EDITORS,
        check=lambda user, c: policies.can_change(user, c.in_review),
        perform=lambda user, c: edit(c.in_review, user),
    ),
    "edit a published briefing": Action(
        allowed=EDITORS,
        check=lambda user, c: policies.can_change(user, c.published),
        perform=lambda user, c: edit(c.published, user),
    ),
    "submit a draft for review": Action(
        allowed={OWNER} | EDITORS,
        check=lambda user, c: policies.can_submit_for_review(user, c.draft),
        perform=lambda user, c: services.briefing_submit_for_review(
            briefing=fresh(c.draft), by=user
        ),
    ),
    "publish a briefing in review": Action(
        allowed=EDITORS,
        check=lambda user, c: policies.can_publish(user, c.in_review),
        perform=lambda user, c: services.briefing_publish(briefing=fresh(c.in_review), by=user),
    ),
    "schedule a briefing in review": Action(
        allowed=EDITORS,
        check=lambda user, c: policies.can_publish(user, c.in_review),
        perform=lambda user, c: services.briefing_publish(
            briefing=fresh(c.in_review), by=user, at=timezone.now() + IN_A_WEEK
        ),
    ),
    "publish a draft by saving it with status published": Action(
        allowed=EDITORS,
        check=lambda user, c: policies.can_publish(user, c.draft),
        perform=lambda user, c: publish_by_saving(c.draft, user),
    ),
    "unpublish a published briefing": Action(
        allowed=EDITORS,
        check=lambda user, c: policies.can_unpublish(user, c.published),
        perform=lambda user, c: services.briefing_unpublish(briefing=fresh(c.published), by=user),
    ),
    "archive a published briefing": Action(
        allowed=EDITORS,
        check=lambda user, c: policies.can_archive(user, c.published),
        perform=lambda user, c: services.briefing_archive(briefing=fresh(c.published), by=user),
    ),
    "delete a briefing": Action(
        allowed=EDITORS,
        check=lambda user, c: policies.can_delete(user, c.draft),
    ),
    "mark a quote verified": Action(
        allowed=EDITORS,
        check=lambda user, c: policies.can_verify_quote(user, c.quote),
        perform=lambda user, c: services.quote_mark_verified(
            quote=Quote.objects.get(pk=c.quote.pk), by=user
        ),
    ),
    "merge two actors": Action(
        allowed=EDITORS,
        check=lambda user, c: policies.can_merge_actors(user),
        perform=lambda user, c: services.actor_merge(
            survivor=Actor.objects.get(pk=c.survivor.pk),
            duplicate=Actor.objects.get(pk=c.duplicate.pk),
            by=user,
        ),
    ),
}

TABLE = [
    pytest.param(action, role, role in ACTIONS[action].allowed, id=f"{role} may {action}")
    for action in ACTIONS
    for role in ROLES
]
SERVICE_TABLE = [param for param in TABLE if ACTIONS[param.values[0]].perform is not None]


@pytest.mark.parametrize(("action", "role", "allowed"), TABLE)
def test_the_permission_functions_allow_each_role_exactly_its_actions(
    action, role, allowed, user, content
):
    assert ACTIONS[action].check(user, content) is allowed


@pytest.mark.parametrize(("action", "role", "allowed"), SERVICE_TABLE)
def test_the_services_do_what_a_role_may_and_refuse_the_rest_without_writing_anything(
    action, role, allowed, user, content
):
    before = database_state()

    if allowed:
        ACTIONS[action].perform(user, content)
        assert database_state() != before
    else:
        # A refusal by role (403) or of an editor-only field (a field-level 400).
        with pytest.raises((PermissionDenied, ValidationError)):
            ACTIONS[action].perform(user, content)
        assert database_state() == before


def test_a_contributor_listed_as_an_author_may_edit_the_draft_someone_else_started(
    contributor, other_contributor
):
    draft = factories.BriefingFactory(
        status=Status.DRAFT, published_at=None, created_by=contributor
    )
    draft.authors.add(other_contributor)

    edit(draft, other_contributor)

    assert fresh(draft).body == "## A new section\n\nRewritten by someone."


def test_a_contributor_may_not_start_a_briefing_in_any_status_but_draft(contributor):
    briefing = Briefing(
        title="Straight to the site",
        slug="straight-to-the-site",
        standfirst="Skipping review.",
        status=Status.PUBLISHED,
        published_at=timezone.now(),
    )

    with pytest.raises(ValidationError) as refusal:
        services.briefing_save(briefing=briefing, by=contributor)

    assert set(refusal.value.message_dict) == {"status", "published_at"}
    assert not Briefing.objects.filter(slug="straight-to-the-site").exists()


@pytest.mark.parametrize(
    ("role", "permission", "granted"),
    [
        (OWNER, "briefings.add_briefing", True),
        (OWNER, "briefings.change_briefing", True),
        (OWNER, "briefings.view_briefing", True),
        (OWNER, "briefings.delete_briefing", False),
        (OWNER, "briefings.add_faqentry", True),
        (OWNER, "briefings.add_quote", True),
        (OWNER, "briefings.delete_quote", False),
        (OWNER, "briefings.add_actor", True),
        (OWNER, "briefings.change_actor", False),
        (OWNER, "briefings.view_correction", True),
        (OWNER, "briefings.add_correction", False),
        (OWNER, "briefings.change_correction", False),
        (OWNER, "briefings.change_topic", False),
        (OWNER, "auth.view_user", False),
        (EDITOR, "briefings.add_briefing", True),
        (EDITOR, "briefings.delete_briefing", True),
        (EDITOR, "briefings.change_quote", True),
        (EDITOR, "briefings.delete_actor", True),
        (EDITOR, "briefings.change_correction", True),
        (EDITOR, "briefings.change_tenure", True),
        (EDITOR, "briefings.change_topic", True),
        (EDITOR, "auth.view_user", True),
        (EDITOR, "auth.change_user", False),
        (EDITOR, "auth.change_group", False),
        (READER, "briefings.view_briefing", False),
        (INACTIVE_EDITOR, "briefings.change_briefing", False),
        (ANONYMOUS, "briefings.view_briefing", False),
    ],
)
def test_the_roles_migration_gives_each_group_its_model_permissions(
    role, permission, granted, user
):
    assert user.has_perm(permission) is granted
