"""Content other than briefings: one save and one delete each (quotes, actors, sources, FAQ
entries, corrections), with their side effects, and verifying quotes."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from briefings import linking, policies
from briefings.models import (
    Actor,
    Correction,
    FAQEntry,
    Quote,
    Source,
)


@transaction.atomic
def quote_mark_verified(*, quote, by):
    """Mark a quote verified (the admin's list action); refused without its primary source."""
    if not policies.can_verify_quote(by, quote):
        raise PermissionDenied("Only editors may verify quotes.")
    if quote.source_id is None:
        raise ValidationError(
            f"“{quote.text[:60]}” has no primary source; add the source before marking it verified."
        )
    quote.verification = Quote.Verification.VERIFIED
    return quote_save(quote=quote, by=by, reason="Marked verified")


# Content other than briefings: one save and one delete each, with their side effects ---------


def _content_save(obj, *, by, reason=""):
    """Check `by` may make this change (as the row is stored and as it will be), then prepare
    the history record. Returns the stored copy (None for a new row) to compare with."""
    stored = policies.check_save(by, obj, lock=True)
    if stored is None and hasattr(obj, "created_by_id") and obj.created_by_id is None:
        obj.created_by = policies.recorded(by)
    obj._history_user = policies.recorded(by)
    obj._change_reason = reason or ("Created" if stored is None else "Edited")
    return stored


def _needs_review_unless_editor(obj, stored, by):
    """What a contributor adds waits for an editor's review before readers see it."""
    if stored is None and not policies.is_editor(by):
        obj.needs_review = True


@transaction.atomic
def quote_save(*, quote, by, reason=""):
    """Save a quote. A verified quote whose words, speaker or source change is no longer verified
    (it shows on the editors' dashboard as "changed since verified"); an editor who sets
    "verified" is recorded as its verifier, and needs the primary source."""
    stored = _content_save(quote, by=by, reason=reason)
    Verification = Quote.Verification
    was_verified = stored is not None and stored.verification == Verification.VERIFIED
    changed = stored is not None and any(
        getattr(stored, name) != getattr(quote, name) for name in policies.VERIFIED_QUOTE_FIELDS
    )
    if quote.verification == Verification.VERIFIED:
        if was_verified and changed:
            # Keep who verified it and when: that is what "changed since verified" shows.
            quote.verification = Verification.UNVERIFIED
            quote._change_reason = f"{quote._change_reason}; no longer verified: it changed"
        elif not was_verified:
            if quote.source_id is None:
                raise ValidationError({"source": Quote.NEEDS_SOURCE})
            quote.verified_by, quote.verified_at = policies.recorded(by), timezone.now()
    elif stored is not None and stored.verification != quote.verification:
        quote.verified_by, quote.verified_at = None, None
    quote.save()
    return quote


@transaction.atomic
def actor_save(*, actor, by, reason="", relink=True):
    """Save an actor. One a contributor adds awaits review. A new name, or a review, relinks
    the briefings that may name it, unless the caller does that itself after saving the
    aliases (`relink=False`, then `actor_relink`)."""
    stored = _content_save(actor, by=by, reason=reason)
    _needs_review_unless_editor(actor, stored, by)
    actor.save()
    names_changed = stored is None or (stored.name, stored.needs_review) != (
        actor.name,
        actor.needs_review,
    )
    if relink and names_changed:
        actor_relink(actor=actor)
    return actor


def actor_relink(*, actor):
    """Record again the mentions in every briefing that may name `actor` (a new name or alias,
    or it was just reviewed); returns how many briefings were read."""
    if actor.needs_review:
        return 0  # linked nowhere until reviewed
    return linking.relink(linking.briefings_naming(actor))


@transaction.atomic
def source_save(*, source, by, reason=""):
    """Save a source; one a contributor adds awaits review."""
    stored = _content_save(source, by=by, reason=reason)
    _needs_review_unless_editor(source, stored, by)
    source.save()
    return source


@transaction.atomic
def faq_entry_save(*, entry, by, reason=""):
    """Save an FAQ entry: contributors, on their own drafts only."""
    _content_save(entry, by=by, reason=reason)
    entry.save()
    return entry


@transaction.atomic
def correction_save(*, correction, by, reason=""):
    """Save a correction or update note: contributors, on their own drafts only."""
    _content_save(correction, by=by, reason=reason)
    correction.save()
    return correction


@transaction.atomic
def content_delete(*, obj, by):
    """Delete a row of content, if `by` may (contributors: only rows of their own drafts)."""
    if not policies.can_delete(by, obj):
        raise PermissionDenied(
            policies.why_not_change(by, obj)
            or f"Only editors delete {obj._meta.verbose_name_plural}."
        )
    obj._history_user = policies.recorded(by)
    obj.delete()


SAVES = {
    Quote: lambda obj, by, **kw: quote_save(quote=obj, by=by, **kw),
    Actor: lambda obj, by, **kw: actor_save(actor=obj, by=by, **kw),
    Source: lambda obj, by, **kw: source_save(source=obj, by=by, **kw),
    FAQEntry: lambda obj, by, **kw: faq_entry_save(entry=obj, by=by, **kw),
    Correction: lambda obj, by, **kw: correction_save(correction=obj, by=by, **kw),
}


@transaction.atomic
def content_save(*, obj, by, reason=""):
    """The save service for `obj`'s model, for surfaces that handle many models alike (the
    admin's base class, the API's viewsets); models without one are editors' work."""
    save = SAVES.get(type(obj))
    if save is not None:
        return save(obj, by, reason=reason)
    _content_save(obj, by=by, reason=reason)
    obj.save()
    return obj
