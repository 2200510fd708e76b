"""Who may see and change what: the one home of the rules that every surface asks.

The reader site, feeds, the sitemap, search, the admin, the API, the importer and the management
commands call these functions; none of them keeps a rule of its own. The rules:

- **Roles.** Editors (the `Editor` group, and superusers) do everything with content. Contributors
  (the `Contributor` group) write briefings and submit them for review. Everyone else, signed in or
  not, is a reader.
- **Seeing.** Readers see public content only: briefings that are published and whose publication
  time has come (`Briefing.objects.published()`), the quotes, FAQ entries and corrections those
  use, general FAQ entries, actors and sources an editor has reviewed (or a public briefing
  uses), and every topic and place. Contributors also see the briefings they created or
  co-author, whatever their state, and what those use or what they created themselves. Editors see
  everything.
- **Changing.** Contributors change only their own drafts (created or co-authored, status draft),
  and what only their own drafts use: a quote, FAQ entry, correction, actor or source that anything
  public or anyone else's briefing uses is read-only to them. They never delete a briefing, and
  they may submit their own draft for review. Topics, places and offices are editors' work.
- **Editor-only fields.** `featured`, `published_at` and a briefing's status (other than
  submitting it for review), a quote's verification, and an actor's or source's review flag:
  a contributor who tries to set one is **refused** with a message naming the field, on every
  surface; the admin shows them read-only.
- **Review.** An actor or source a contributor creates (or an import creates) needs an editor's
  review: until then it is not public, and the linker does not link it into public briefings.
- **Verification.** Changing a verified quote's text, speaker or source returns it to
  "unverified"; it shows on the editors' dashboard as "changed since verified".
- **Restoring** an old version is a change like any other: the current object and the restored
  state must both be changeable by the user.
- **Public changes.** A change is public when the object, before or after it, is part of what an
  anonymous reader or API client sees (`affects_public`); only such changes invalidate public
  caches (`briefings.changes`).

Visibility is defined once per model as a queryset (`visible(user, Model)`); the per-object
questions (`can_view`, `can_change`) ask the same querysets, so a list and a detail never disagree.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q

from .models import (
    Actor,
    ActorAlias,
    ActorRedirect,
    Briefing,
    BriefingActor,
    BriefingQuote,
    Correction,
    FAQEntry,
    Office,
    Place,
    Quote,
    Source,
    Tenure,
    Topic,
)

CONTRIBUTOR = "Contributor"
EDITOR = "Editor"

Status = Briefing.Status

# Fields only editors set, by model; contributors who send them are refused (`check_fields`).
EDITOR_ONLY_FIELDS = {
    Briefing: {"featured", "published_at", "status"},
    Quote: {"verification", "verified_by", "verified_at"},
    Actor: {"needs_review"},
    Source: {"needs_review"},
}

# A verified quote that changes in one of these is no longer verified.
VERIFIED_QUOTE_FIELDS = ("text", "speaker_id", "source_id")


# Roles ------------------------------------------------------------------------------------------


class Operator:
    """Whoever runs a management command without naming a user (`import_briefing`, `load_demo`):
    the site's operator, who has a shell and so every right of an editor. The history records
    such changes as made by no one."""

    pk = id = None
    is_authenticated = is_active = is_staff = is_superuser = True

    def __str__(self):
        return "the command line"


OPERATOR = Operator()


def recorded(user):
    """The user to record as having made a change (author, verifier, history): None for the
    command line."""
    return None if isinstance(user, Operator) else user


def _in_group(user, name):
    if not user.is_authenticated or not user.is_active:
        return False
    # Cached on the user object: the admin and the API ask several times per request.
    if not hasattr(user, "_briefings_groups"):
        user._briefings_groups = set(user.groups.values_list("name", flat=True))
    return name in user._briefings_groups


def is_editor(user):
    return bool(
        user.is_authenticated and user.is_active and (user.is_superuser or _in_group(user, EDITOR))
    )


def is_contributor(user):
    """Contributors and editors: everyone who may write briefings."""
    return is_editor(user) or _in_group(user, CONTRIBUTOR)


# Seeing -----------------------------------------------------------------------------------------


def own_briefings(user):
    """Briefings `user` created or co-authors, whatever their state."""
    if not user.is_authenticated:
        return Briefing.objects.none()
    authored = Briefing.authors.through.objects.filter(briefing=OuterRef("pk"), user=user)
    return Briefing.objects.filter(Q(created_by=user) | Exists(authored))


def own_drafts(user):
    return own_briefings(user).filter(status=Status.DRAFT)


def _uses(through, field, briefings):
    """Rows of `through` pointing at the outer object through `field`, from one of `briefings`."""
    return Exists(through.objects.filter(**{field: OuterRef("pk")}, briefing__in=briefings))


def public(model):
    """What an anonymous reader sees of `model`: the one definition, per model."""
    public_briefings = Briefing.objects.published()
    if model is Briefing:
        return Briefing.objects.published()
    if model is Quote:
        return Quote.objects.published()
    if model is FAQEntry:
        return FAQEntry.objects.published()
    if model is Correction:
        return Correction.objects.filter(briefing__in=public_briefings)
    if model is Actor:
        return Actor.objects.public()
    if model in (ActorAlias, Tenure):
        return model.objects.filter(actor__in=Actor.objects.public())
    if model is Office:
        return Office.objects.filter(organisation__in=Actor.objects.public())
    if model is Source:
        return Source.objects.filter(
            Q(needs_review=False)
            | Exists(
                Briefing.sources.through.objects.filter(
                    source=OuterRef("pk"), briefing__in=public_briefings
                )
            )
            | Exists(Quote.objects.published().filter(source=OuterRef("pk")))
        )
    if model in (Topic, Place, ActorRedirect):
        return model.objects.all()
    if model in (BriefingQuote, BriefingActor):
        return model.objects.filter(briefing__in=public_briefings)
    raise LookupError(f"No visibility rule for {model.__name__}.")


def visible(user, model):
    """The rows of `model` that `user` may see: the queryset every list and detail starts from."""
    if is_editor(user):
        return model._default_manager.all()
    shown = public(model)
    if not is_contributor(user):
        return shown
    own = own_briefings(user)
    if model is Briefing:
        return Briefing.objects.filter(Q(pk__in=shown.values("pk")) | Q(pk__in=own.values("pk")))
    if model is Quote:
        return Quote.objects.filter(
            Q(pk__in=shown.values("pk")) | Q(created_by=user) | _uses(BriefingQuote, "quote", own)
        )
    if model in (FAQEntry, Correction):
        return model.objects.filter(Q(pk__in=shown.values("pk")) | Q(briefing__in=own))
    if model is Actor:
        return Actor.objects.filter(
            Q(pk__in=shown.values("pk")) | Q(created_by=user) | _uses(BriefingActor, "actor", own)
        )
    if model in (ActorAlias, Tenure):
        return model.objects.filter(actor__in=visible(user, Actor))
    if model is Source:
        cited = Exists(
            Briefing.sources.through.objects.filter(source=OuterRef("pk"), briefing__in=own)
        )
        return Source.objects.filter(Q(pk__in=shown.values("pk")) | Q(created_by=user) | cited)
    if model in (BriefingQuote, BriefingActor):
        return model.objects.filter(
            Q(briefing__in=Briefing.objects.published()) | Q(briefing__in=own)
        )
    return shown


def can_view(user, obj):
    return visible(user, type(obj)).filter(pk=obj.pk).exists()


# Changing ---------------------------------------------------------------------------------------


def changeable(user, model):
    """The rows of `model` that `user` may change (and, for editors, delete)."""
    if is_editor(user):
        return model._default_manager.all()
    if not is_contributor(user):
        return model._default_manager.none()
    drafts = own_drafts(user)
    not_own_draft = Briefing.objects.exclude(pk__in=drafts.values("pk"))
    if model is Briefing:
        return drafts
    if model is Quote:
        return Quote.objects.filter(
            Q(created_by=user) | _uses(BriefingQuote, "quote", drafts)
        ).exclude(_uses(BriefingQuote, "quote", not_own_draft))
    if model in (FAQEntry, Correction):
        return model.objects.filter(briefing__in=drafts)
    if model is Actor:
        return Actor.objects.filter(needs_review=True, created_by=user).exclude(
            _uses(BriefingActor, "actor", not_own_draft)
        )
    if model in (ActorAlias, Tenure):
        return model.objects.filter(actor__in=changeable(user, Actor))
    if model is Source:
        return Source.objects.filter(needs_review=True, created_by=user)
    if model in (BriefingQuote, BriefingActor):
        return model.objects.filter(briefing__in=drafts)
    return model._default_manager.none()


def can_create(user, model):
    """Whether `user` may add a new `model` at all (what they may put in it is `check_fields`)."""
    if is_editor(user):
        return True
    return is_contributor(user) and model in (
        Briefing,
        Quote,
        FAQEntry,
        Actor,
        ActorAlias,
        Source,
        BriefingQuote,
        BriefingActor,
    )


def can_change(user, obj):
    if obj.pk is None:
        return can_create(user, type(obj))
    return changeable(user, type(obj)).filter(pk=obj.pk).exists()


def can_delete(user, obj):
    """Editors delete anything; contributors only the rows of their own drafts, never a briefing."""
    if is_editor(user):
        return True
    if isinstance(obj, Briefing | Actor | Source):
        return False
    return can_change(user, obj)


def why_not_change(user, obj):
    """The reason `user` may not change `obj`, for the refusal message; None when they may."""
    if can_change(user, obj):
        return None
    meta = type(obj)._meta
    if not is_contributor(user):
        return "Only editors and contributors change content."
    if not can_create(user, type(obj)):
        return f"{meta.verbose_name_plural.capitalize()} are editors' work."
    if isinstance(obj, Briefing):
        if obj.status != Status.DRAFT:
            return (
                f"This briefing is {obj.get_status_display().lower()}; only editors change it now."
            )
        return "Contributors change only briefings they created or co-author."
    if isinstance(obj, Actor | Source):
        return (
            f"This {meta.verbose_name} has been reviewed, is someone else's or is used by "
            "something public; only editors change it now."
        )
    if getattr(obj, "briefing_id", True) is None:
        return f"General {meta.verbose_name_plural} (on no briefing) are editors' work."
    if hasattr(obj, "briefing_id"):
        return f"This {meta.verbose_name} belongs to a briefing that is not your own draft."
    return (
        f"This {meta.verbose_name} is used by something public or by someone else's briefing; "
        "only editors change it."
    )


def check_change(user, obj):
    """Raises PermissionDenied, with the reason, unless `user` may change `obj`."""
    reason = why_not_change(user, obj)
    if reason:
        raise PermissionDenied(reason)


def refused_fields(user, obj, changed):
    """{field: message} for the editor-only fields among `changed` that `user` may not set."""
    if is_editor(user):
        return {}
    editor_only = EDITOR_ONLY_FIELDS.get(type(obj), set())
    return {
        field: f"Only editors set “{type(obj)._meta.get_field(field).verbose_name}”."
        for field in changed
        if field in editor_only
    }


def check_fields(user, obj, changed):
    """Raises ValidationError (field by field) when `changed` holds editor-only fields."""
    refused = refused_fields(user, obj, changed)
    if refused:
        raise ValidationError(refused)


def changed_fields(stored, obj):
    """The names of the editable fields whose values differ between `stored` and `obj`."""
    return [
        field.name
        for field in type(obj)._meta.concrete_fields
        if field.editable and getattr(stored, field.attname) != getattr(obj, field.attname)
    ]


def check_save(user, obj, *, lock=False):
    """Raises PermissionDenied or ValidationError (field by field) unless `user` may save `obj`
    as it is now in memory: the stored row must be theirs to change, the fields they changed not
    editor-only, and the briefing it belongs to (if any) theirs to change too. Returns the
    stored row, or None for a new one."""
    model = type(obj)
    if obj.pk is None:
        if not can_create(user, model):
            raise PermissionDenied(f"You may not add {model._meta.verbose_name_plural}.")
        stored = None
        check_fields(user, obj, changed_fields(model(), obj))
    else:
        rows = model._default_manager.all()
        stored = (rows.select_for_update() if lock else rows).get(pk=obj.pk)
        check_change(user, stored)
        check_fields(user, obj, changed_fields(stored, obj))
    briefing_id = getattr(obj, "briefing_id", None)
    if (
        model in (FAQEntry, Correction)
        and not is_editor(user)
        and (briefing_id is None or not changeable(user, Briefing).filter(pk=briefing_id).exists())
    ):
        raise ValidationError(
            {
                "briefing": f"You can add {model._meta.verbose_name_plural} to your own draft briefings; general entries and those on other briefings are for editors."
            }
        )
    return stored


def check_restore(user, current, restored):
    """Restoring is saving: both the current object (if any) and the restored state must be allowed."""
    if current is not None:
        check_change(user, current)
    if not is_editor(user):
        # The restored state is judged as if it were saved now: its briefing must be theirs too.
        briefing_id = getattr(restored, "briefing_id", None)
        if (
            briefing_id is not None
            and not changeable(user, Briefing).filter(pk=briefing_id).exists()
        ):
            raise PermissionDenied("The restored version belongs to a briefing you may not change.")
        if current is None:
            raise PermissionDenied("Only editors restore deleted content.")
        check_fields(user, current, changed_fields(current, restored))


# Workflow and editors' actions ------------------------------------------------------------------


def can_submit_for_review(user, briefing):
    """The briefing's own contributors and editors; whether its status allows it is the
    workflow's question, answered with a reason by the service."""
    return is_editor(user) or (
        is_contributor(user) and own_briefings(user).filter(pk=briefing.pk).exists()
    )


def can_publish(user, briefing):
    return is_editor(user)


def can_unpublish(user, briefing):
    return is_editor(user)


def can_archive(user, briefing):
    return is_editor(user)


def can_verify_quote(user, quote):
    return is_editor(user)


def can_review(user, obj):
    """Clearing an actor's or source's `needs_review` flag: an editor's job."""
    return is_editor(user)


def can_import(user):
    """Imports create speakers and quotes as well as a briefing: an editor's job."""
    return is_editor(user)


def can_merge_actors(user):
    return is_editor(user)


# Public changes ---------------------------------------------------------------------------------


def affects_public(obj):
    """Whether `obj`, as it is in the database now, is part of what anonymous readers see or
    are about to see (a scheduled briefing), so that changing it changes public pages."""
    model = type(obj)
    if obj.pk is None:
        return False
    if model is Briefing:
        return Briefing.objects.filter(pk=obj.pk, status=Status.PUBLISHED).exists()
    if model is get_user_model():
        # Authors' names show on public briefings.
        return Briefing.objects.published().filter(authors=obj).exists()
    try:
        return public(model).filter(pk=obj.pk).exists()
    except LookupError:
        return False
