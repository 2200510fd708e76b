"""Briefings: safe saves that refuse an outdated copy, and the workflow (review, publish,
unpublish, archive)."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from briefings import linking, policies
from briefings.models import (
    Briefing,
)

Status = Briefing.Status

# The statuses each workflow step starts from; the admin offers a step only there.
TRANSITIONS = {
    "submit_for_review": frozenset({Status.DRAFT}),
    "publish": frozenset({Status.DRAFT, Status.IN_REVIEW}),
    "unpublish": frozenset({Status.IN_REVIEW, Status.PUBLISHED, Status.ARCHIVED}),
    "archive": frozenset({Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED}),
}


@dataclass
class Change:
    """One field that changed between two versions of a briefing."""

    field: str
    label: str
    old: object
    new: object


class StaleEditError(Exception):
    """The briefing was saved by someone else since this copy was loaded; nothing was written."""

    def __init__(self, *, briefing, expected_version, changes, changed_by, changed_at):
        self.briefing = briefing
        self.expected_version = expected_version
        self.current_version = briefing.version
        self.changes = changes
        self.changed_by = changed_by
        self.changed_at = changed_at
        who = changed_by or "someone else"
        fields = ", ".join(change.label for change in changes) or "nothing visible"
        super().__init__(
            f"{who} saved this briefing while you were editing it (version {expected_version} "
            f"became {briefing.version}); they changed: {fields}. Your changes were not saved."
        )


def briefing_changes_since(briefing, version):
    """What changed since `version`, with who made the latest change and when."""
    history = briefing.history.order_by("-history_date", "-history_id")
    latest = history.first()
    base = history.filter(version=version).first()
    if latest is None or base is None or latest.pk == base.pk:
        return [], None, None
    delta = latest.diff_against(base, foreign_keys_are_objs=True)
    changes = [
        Change(
            field=change.field,
            label=str(Briefing._meta.get_field(change.field).verbose_name),
            old=change.old,
            new=change.new,
        )
        for change in delta.changes
        if change.field not in {"version", "updated_at"}
    ]
    return changes, latest.history_user, latest.history_date


def _save(briefing, *, by, reason):
    briefing._history_user = policies.recorded(by)
    briefing._change_reason = reason
    briefing.save()
    return briefing


def _bump_version(briefing, *, expected_version):
    """Claims the next version, or raises StaleEditError when another save came first.

    The conditional UPDATE is atomic: of two saves based on the same version, exactly one
    matches the row; the other finds it changed and writes nothing.
    """
    claimed = Briefing.objects.filter(pk=briefing.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        current = Briefing.objects.get(pk=briefing.pk)
        changes, changed_by, changed_at = briefing_changes_since(current, expected_version)
        raise StaleEditError(
            briefing=current,
            expected_version=expected_version,
            changes=changes,
            changed_by=changed_by,
            changed_at=changed_at,
        )
    briefing.version = expected_version + 1


@transaction.atomic
def briefing_save(*, briefing, by, expected_version=None, reason="", record_mentions=True):
    """Create or update a briefing as `by`; refuse a save based on an outdated copy.

    `expected_version` is the version the editor loaded; None skips the check (a new briefing,
    or a caller that holds the row already). The actors the text names are recorded
    (`linking.record_mentions`) unless the caller does it later, after saving related rows.
    """
    creating = briefing.pk is None
    if creating:
        if not policies.can_create(by, Briefing):
            raise PermissionDenied("You may not create briefings.")
        stored = Briefing()
    else:
        stored = Briefing.objects.select_for_update().get(pk=briefing.pk)
        policies.check_change(by, stored)
    policies.check_fields(by, briefing, policies.changed_fields(stored, briefing))
    if not creating:
        _bump_version(
            briefing,
            expected_version=stored.version if expected_version is None else expected_version,
        )
    if creating:
        briefing.created_by = policies.recorded(by)
    _save(briefing, by=by, reason=reason or ("Created" if creating else "Edited"))
    if creating and policies.recorded(by) is not None:
        briefing.authors.add(by)
    if record_mentions:
        linking.record_mentions(briefing)
    return briefing


def _transition(briefing, *, by, allowed, to, reason, check, refusal, **fields):
    """Move the stored briefing to status `to`, changing only the workflow fields.

    Works on the row as stored (locked until the end of the transaction), never on the caller's
    copy, which may be outdated: someone else's edit saved in between is kept.
    """
    stored = Briefing.objects.select_for_update().get(pk=briefing.pk)
    if not check(by, stored):
        raise PermissionDenied(refusal)
    if stored.status not in allowed:
        raise ValidationError(
            f"“{stored}” is {stored.get_status_display().lower()}; it cannot be {reason.lower()}."
        )
    stored.version += 1
    stored.status = to
    for name, value in fields.items():
        setattr(stored, name, value)
    _save(stored, by=by, reason=reason)
    briefing.refresh_from_db()
    return stored


@transaction.atomic
def briefing_submit_for_review(*, briefing, by):
    return _transition(
        briefing,
        by=by,
        allowed=TRANSITIONS["submit_for_review"],
        to=Status.IN_REVIEW,
        reason="Submitted for review",
        check=policies.can_submit_for_review,
        refusal="Only the briefing's own contributor or an editor may submit it for review.",
    )


@transaction.atomic
def briefing_publish(*, briefing, by, at=None):
    """Publish now, or at `at` (a future time schedules it: it goes public by itself then)."""
    # Whole seconds: what the admin's form shows and saves back, so no phantom change later.
    published_at = at or briefing.published_at or timezone.now().replace(microsecond=0)
    scheduled = published_at > timezone.now()
    utc = timezone.localtime(published_at, datetime.UTC)
    return _transition(
        briefing,
        by=by,
        allowed=TRANSITIONS["publish"],
        to=Status.PUBLISHED,
        reason=f"Scheduled for {utc:%d %b %Y %H:%M} UTC" if scheduled else "Published",
        check=policies.can_publish,
        refusal="Only editors may publish.",
        published_at=published_at,
    )


@transaction.atomic
def briefing_unpublish(*, briefing, by):
    """Back to draft: off the site (or back to its writer) until published again."""
    return _transition(
        briefing,
        by=by,
        allowed=TRANSITIONS["unpublish"],
        to=Status.DRAFT,
        reason="Returned to draft",
        check=policies.can_unpublish,
        refusal="Only editors may unpublish.",
    )


@transaction.atomic
def briefing_archive(*, briefing, by):
    return _transition(
        briefing,
        by=by,
        allowed=TRANSITIONS["archive"],
        to=Status.ARCHIVED,
        reason="Archived",
        check=policies.can_archive,
        refusal="Only editors may archive.",
    )
