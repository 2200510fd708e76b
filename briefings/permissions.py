"""Who may do what with content: the one set of rules the admin, the API and the services share.

Two roles, created as groups by a migration: Contributors write and edit their own drafts and
submit them for review; Editors do everything with content, publishing included. Superusers count
as editors.
"""

from .models import Briefing

CONTRIBUTOR = "Contributor"
EDITOR = "Editor"


def _in_group(user, name):
    if not user.is_authenticated or not user.is_active:
        return False
    # Cached on the user object: the admin asks several times per request.
    if not hasattr(user, "_briefings_groups"):
        user._briefings_groups = set(user.groups.values_list("name", flat=True))
    return name in user._briefings_groups


def is_editor(user):
    return (
        user.is_authenticated and user.is_active and (user.is_superuser or _in_group(user, EDITOR))
    )


def is_contributor(user):
    """Contributors and editors: everyone who may write briefings."""
    return is_editor(user) or _in_group(user, CONTRIBUTOR)


def owns(user, briefing):
    return briefing.created_by_id == user.pk or any(
        author.pk == user.pk for author in briefing.authors.all()
    )


def can_create_briefing(user):
    return is_contributor(user)


def can_edit_briefing(user, briefing):
    """Editors edit any briefing; contributors only their own, while it is a draft."""
    if is_editor(user):
        return True
    return (
        is_contributor(user)
        and briefing.status == Briefing.Status.DRAFT
        and (briefing.pk is None or owns(user, briefing))
    )


def can_view_briefing(user, briefing):
    return is_editor(user) or (is_contributor(user) and owns(user, briefing))


def can_delete_briefing(user, briefing):
    return is_editor(user)


def can_submit_for_review(user, briefing):
    """The briefing's own contributors and editors; whether its status allows it is the
    workflow's question, answered with a reason by the service."""
    return is_editor(user) or (is_contributor(user) and owns(user, briefing))


def can_publish(user, briefing):
    return is_editor(user)


def can_unpublish(user, briefing):
    return is_editor(user)


def can_archive(user, briefing):
    return is_editor(user)


def can_verify_quote(user, quote):
    return is_editor(user)


def can_import(user):
    """Imports create speakers and quotes as well as a briefing: an editor's job."""
    return is_editor(user)


def can_merge_actors(user):
    return is_editor(user)
