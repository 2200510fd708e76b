"""Multi-step writes: the briefing workflow, safe saves, actor merges, quote verification.

The admin, the API and the management commands call these; each checks the permission functions
in `briefings.permissions` and runs in one transaction, recording who did it in the history.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import linking, permissions
from .models import (
    ActorAlias,
    ActorRedirect,
    Briefing,
    BriefingActor,
    BriefingQuote,
    Office,
    Quote,
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
    briefing._history_user = by
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
    if creating and not permissions.can_create_briefing(by):
        raise PermissionDenied("You may not create briefings.")
    if not creating:
        stored = Briefing.objects.select_for_update().get(pk=briefing.pk)
        if not permissions.can_edit_briefing(by, stored):
            raise PermissionDenied("You may not edit this briefing.")
        if stored.status != briefing.status and not permissions.is_editor(by):
            raise PermissionDenied("Only editors change a briefing's status.")
        _bump_version(
            briefing,
            expected_version=stored.version if expected_version is None else expected_version,
        )
    elif briefing.status != Status.DRAFT and not permissions.is_editor(by):
        raise PermissionDenied("Contributors start briefings as drafts.")
    if creating:
        briefing.created_by = by
    _save(briefing, by=by, reason=reason or ("Created" if creating else "Edited"))
    if creating:
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
        check=permissions.can_submit_for_review,
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
        check=permissions.can_publish,
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
        check=permissions.can_unpublish,
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
        check=permissions.can_archive,
        refusal="Only editors may archive.",
    )


@transaction.atomic
def quote_mark_verified(*, quote, by):
    """Mark a quote verified; refused without its primary source."""
    if not permissions.can_verify_quote(by, quote):
        raise PermissionDenied("Only editors may verify quotes.")
    if quote.source_id is None:
        raise ValidationError(
            f"“{quote.text[:60]}” has no primary source; add the source before marking it verified."
        )
    quote.verification = Quote.Verification.VERIFIED
    quote.verified_by = by
    quote.verified_at = timezone.now()
    quote._history_user = by
    quote._change_reason = "Marked verified"
    quote.save()
    return quote


@transaction.atomic
def actor_merge(*, survivor, duplicate, by):
    """Fold `duplicate` into `survivor`: quotes, mentions, aliases, tenures and offices move over,
    the duplicate's name becomes an alias, and its old address redirects to the survivor."""
    if not permissions.can_merge_actors(by):
        raise PermissionDenied("Only editors may merge actors.")
    if survivor.pk == duplicate.pk:
        raise ValidationError("Choose two different actors to merge.")

    for quote in Quote.objects.filter(speaker=duplicate):
        twin = Quote.objects.filter(speaker=survivor, text_normalised=quote.text_normalised).first()
        if twin is None:
            quote.speaker = survivor
            quote._history_user = by
            quote._change_reason = f"Speaker merged into {survivor}"
            quote.save()
            continue
        # The same words are stored for the survivor already: keep that quote, move its uses.
        for link in BriefingQuote.objects.filter(quote=quote):
            if not BriefingQuote.objects.filter(briefing=link.briefing, quote=twin).exists():
                BriefingQuote.objects.create(briefing=link.briefing, quote=twin, order=link.order)
        quote.delete()

    for link in BriefingActor.objects.filter(actor=duplicate):
        existing = BriefingActor.objects.filter(briefing=link.briefing, actor=survivor).first()
        if existing is None:
            link.actor = survivor
            link.save()
        else:
            existing.mention_count += link.mention_count
            existing.curated = existing.curated or link.curated
            existing.save()
            link.delete()

    for alias in ActorAlias.objects.filter(actor=duplicate):
        if not survivor.aliases.filter(name=alias.name, language=alias.language).exists():
            alias.actor = survivor
            alias.save()
    if (
        duplicate.name != survivor.name
        and not survivor.aliases.filter(name=duplicate.name).exists()
    ):
        ActorAlias.objects.create(actor=survivor, name=duplicate.name, kind=ActorAlias.Kind.OTHER)

    survivor_tenures = {(held.office_id, held.started_on): held for held in survivor.tenures.all()}
    for tenure in duplicate.tenures.all():
        twin = survivor_tenures.get((tenure.office_id, tenure.started_on))
        if twin is None:
            tenure.actor = survivor
            tenure._history_user = by
            tenure.save()
        else:
            Quote.objects.filter(tenure=tenure).update(tenure=twin)
            tenure.delete()
    for office in Office.objects.filter(organisation=duplicate):
        twin = Office.objects.filter(organisation=survivor, title=office.title).first()
        if twin is None:
            office.organisation = survivor
            office.save()
            continue
        # Both organisations list the same office: its holders join the survivor's office.
        held = {(tenure.actor_id, tenure.started_on): tenure for tenure in twin.tenures.all()}
        for tenure in office.tenures.all():
            same = held.get((tenure.actor_id, tenure.started_on))
            if same is None:
                tenure.office = twin
                tenure._history_user = by
                tenure.save()
            else:
                Quote.objects.filter(tenure=tenure).update(tenure=same)
                tenure.delete()
        office.delete()

    ActorRedirect.objects.filter(actor=duplicate).update(actor=survivor)
    ActorRedirect.objects.update_or_create(old_slug=duplicate.slug, defaults={"actor": survivor})
    survivor._history_user = by
    survivor._change_reason = f"Merged {duplicate} (#{duplicate.pk}) into this actor"
    survivor.save()
    duplicate._history_user = by
    duplicate.delete()
    return survivor
