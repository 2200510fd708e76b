"""Merging duplicate actors: `actor_merge_plan` works out what a merge will do, the admin shows
that plan before the editor confirms, and `actor_merge` carries out the same plan."""

import copy
import hashlib
from dataclasses import dataclass, replace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.text import capfirst

from briefings import policies
from briefings.dates import PartialDate
from briefings.models import (
    Actor,
    ActorAlias,
    ActorRedirect,
    BriefingActor,
    BriefingQuote,
    Office,
    Quote,
)

# Merging actors: `actor_merge_plan` works out what a merge will do, the admin shows that plan
# before the editor confirms, and `actor_merge` carries out the same plan.

# The profile fields a merge fills on the survivor when its own is empty; a date moves with its
# precision. The kind is never empty, so it is only ever reported when the two differ.
_MERGE_PROFILE_FIELDS = (
    "kind",
    "short_description",
    "country",
    "born_on",
    "died_on",
    "wikidata_id",
    "bio",
)

# When one briefing lists both actors, the merged entry keeps the more prominent role.
_MERGE_ROLE_RANK = {"subject": 0, "quoted": 1, "mentioned": 2}


@dataclass(frozen=True)
class MergedQuote:
    """The same words stored for both actors: one copy stays with the survivor, the other goes.

    `moved_to_kept`: briefings that used only the deleted copy and use the kept one from now on,
    at the same place; `used_both`: briefings that used both, which keep one, at the earlier place.
    """

    kept: Quote
    dropped: Quote
    kept_from_duplicate: bool
    reason: str
    basis: str  # the reason in a few words, for the history: "the verified copy"
    moved_to_kept: tuple = ()
    used_both: tuple = ()
    caution: str = ""


@dataclass(frozen=True)
class MergedField:
    """A profile field the duplicate has: filled into the survivor, or dropped (with why)."""

    name: str
    label: str
    survivor_value: str
    duplicate_value: str
    note: str = ""


@dataclass
class ActorMergePlan:
    """What merging `duplicate` into `survivor` (both Actors) will do, thing by thing.

    Computed by `actor_merge_plan`, shown on the admin's confirmation page and carried out by
    `actor_merge`, so that the page and the merge cannot disagree. `fingerprint` sums the plan
    up: a page that showed another fingerprint showed another plan.
    """

    survivor: object
    duplicate: object
    old_address: str
    new_address: str
    moved_quotes: list
    merged_quotes: list  # of MergedQuote
    moved_mentions: list  # the duplicate's BriefingActor rows, re-pointed
    combined_mentions: list  # (the duplicate's row, the survivor's row in the same briefing)
    moved_aliases: list
    dropped_aliases: list  # the survivor has the same alias, or it is the survivor's name
    new_alias: str  # the duplicate's name, kept as an alias; "" when not needed
    moved_tenures: list
    merged_tenures: list  # (the duplicate's tenure, the survivor's identical one)
    moved_offices: list
    merged_offices: list  # (the duplicate's office, the survivor's office of the same title)
    filled_fields: list  # of MergedField
    dropped_fields: list  # of MergedField
    redirected_addresses: list  # older addresses that redirected to the duplicate
    fills: dict  # attribute: value, what the survivor takes from the duplicate
    fingerprint: str = ""

    @property
    def quote_count(self):
        return len(self.moved_quotes) + len(self.merged_quotes)


class ActorMergeChanged(ValidationError):
    """The merge would now do something other than the plan the editor confirmed."""

    def __init__(self, plan):
        self.plan = plan
        super().__init__(
            f"What merging “{plan.duplicate}” into “{plan.survivor}” would do has changed since "
            "the confirmation page was shown (one of them was edited meanwhile); nothing was "
            "merged. Check what will happen now and confirm again."
        )


def _quote_standing(quote):
    """How well a copy of a quote is established: verified first, then having a source."""
    return (quote.verification == Quote.Verification.VERIFIED, quote.source_id is not None)


def _merged_quote(ours, theirs):
    """Which of two copies of the same words stays: the survivor's `ours` or the duplicate's."""
    from_duplicate = _quote_standing(theirs) > _quote_standing(ours)
    kept, dropped = (theirs, ours) if from_duplicate else (ours, theirs)
    verified = Quote.Verification.VERIFIED
    if kept.verification == verified and dropped.verification != verified:
        reason = (
            "it is verified against its primary source, the other copy is "
            f"{dropped.get_verification_display().lower()}"
        )
    elif kept.source_id and not dropped.source_id:
        reason = "it cites a primary source, the other copy does not"
    elif kept.verification == verified:
        reason = "both copies are verified, so the kept actor's copy stays"
    elif kept.source_id:
        reason = "both copies cite a source and neither is verified, so the kept actor's copy stays"
    else:
        reason = "neither copy is verified or cites a source, so the kept actor's copy stays"
    cautions = []
    if dropped.verification != kept.verification and dropped.verification in {
        Quote.Verification.DISPUTED,
        Quote.Verification.MISATTRIBUTED,
    }:
        cautions.append(
            f"The deleted copy was marked {dropped.get_verification_display().lower()}."
        )
    if dropped.source_id and kept.source_id and dropped.source_id != kept.source_id:
        cautions.append(f"The deleted copy cites another source: {dropped.source}.")
    kept_in = set(BriefingQuote.objects.filter(quote=kept).values_list("briefing_id", flat=True))
    uses = [link.briefing for link in dropped.briefing_links.select_related("briefing")]
    return MergedQuote(
        kept=kept,
        dropped=dropped,
        kept_from_duplicate=from_duplicate,
        reason=reason,
        basis=(
            "the verified copy"
            if kept.verification == verified and dropped.verification != verified
            else "the copy with a source"
            if kept.source_id and not dropped.source_id
            else "the kept actor's copy"
        ),
        moved_to_kept=tuple(b for b in uses if b.pk not in kept_in),
        used_both=tuple(b for b in uses if b.pk in kept_in),
        caution=" ".join(cautions),
    )


def _profile_value(actor, name):
    if name in {"born_on", "died_on"}:
        return (getattr(actor, name), getattr(actor, f"{name}_precision"))
    if name == "country":
        return actor.country_id
    return getattr(actor, name)


def _profile_text(actor, name):
    if name == "kind":
        return actor.get_kind_display()
    if name == "country":
        return str(actor.country) if actor.country_id else ""
    if name in {"born_on", "died_on"}:
        partial = actor.born if name == "born_on" else actor.died
        return str(partial) if partial else ""
    return getattr(actor, name) or ""


def _profile_fills(survivor, duplicate):
    """The survivor's empty profile fields the duplicate fills, and the duplicate's values that
    are dropped: they differ from the survivor's, or would clash with another actor or date."""

    filled, dropped, fills = [], [], {}
    for name in _MERGE_PROFILE_FIELDS:
        ours, theirs = _profile_value(survivor, name), _profile_value(duplicate, name)
        if theirs in (None, "", (None, "")) or ours == theirs:
            continue
        entry = {
            "name": name,
            "label": capfirst(Actor._meta.get_field(name).verbose_name),
            "survivor_value": _profile_text(survivor, name),
            "duplicate_value": _profile_text(duplicate, name),
        }
        if ours not in (None, "", (None, "")):
            dropped.append(MergedField(**entry, note="differs; the kept actor's value stays"))
            continue
        clash = None
        if name == "short_description":
            clash = (
                Actor.objects.filter(name=survivor.name, short_description=theirs)
                .exclude(pk__in=[survivor.pk, duplicate.pk])
                .first()
            )
        if clash is not None:
            note = (
                f"not filled: another actor, “{clash}” (#{clash.pk}), has this name and description"
            )
            dropped.append(MergedField(**entry, note=note))
            continue
        filled.append(MergedField(**entry))
        if name in {"born_on", "died_on"}:
            fills[name], fills[f"{name}_precision"] = theirs
        else:
            fills["country_id" if name == "country" else name] = theirs

    # A date filled from the duplicate must not put the end before the start.
    born = (
        fills.get("born_on", survivor.born_on),
        fills.get("born_on_precision", survivor.born_on_precision),
    )
    died = (
        fills.get("died_on", survivor.died_on),
        fills.get("died_on_precision", survivor.died_on_precision),
    )
    if (
        born[0] is not None
        and died[0] is not None
        and ("born_on" in fills or "died_on" in fills)
        and PartialDate(*died).latest < PartialDate(*born).earliest
    ):
        for entry in [entry for entry in filled if entry.name in {"born_on", "died_on"}]:
            filled.remove(entry)
            del fills[entry.name], fills[f"{entry.name}_precision"]
            note = "not filled: the end date would come before the birth or founding date"
            dropped.append(replace(entry, note=note))
    return filled, dropped, fills


def _merge_fingerprint(plan):

    def pks(items):
        return [item.pk for item in items]

    summary = [
        plan.survivor.pk,
        plan.duplicate.pk,
        plan.old_address,
        pks(plan.moved_quotes),
        [
            (m.kept.pk, m.dropped.pk, m.reason, m.caution, pks(m.moved_to_kept), pks(m.used_both))
            for m in plan.merged_quotes
        ],
        pks(plan.moved_mentions),
        [(theirs.pk, ours.pk) for theirs, ours in plan.combined_mentions],
        pks(plan.moved_aliases),
        pks(plan.dropped_aliases),
        plan.new_alias,
        pks(plan.moved_tenures),
        [(theirs.pk, ours.pk) for theirs, ours in plan.merged_tenures],
        pks(plan.moved_offices),
        [(theirs.pk, ours.pk) for theirs, ours in plan.merged_offices],
        [(f.name, f.survivor_value, f.duplicate_value, f.note) for f in plan.filled_fields],
        [(f.name, f.survivor_value, f.duplicate_value, f.note) for f in plan.dropped_fields],
        plan.redirected_addresses,
    ]
    return hashlib.sha256(repr(summary).encode()).hexdigest()[:24]


def actor_merge_plan(*, survivor, duplicate):
    """What `actor_merge` will do to fold `duplicate` into `survivor`, as things stand; writes
    nothing. See ActorMergePlan."""

    if survivor.pk == duplicate.pk:
        raise ValidationError("Choose two different actors to merge.")
    related = ("source", "verified_by", "tenure__office")

    theirs_quotes = list(Quote.objects.filter(speaker=duplicate).select_related(*related))
    ours_quotes = {
        quote.text_normalised: quote
        for quote in Quote.objects.filter(
            speaker=survivor, text_normalised__in=[q.text_normalised for q in theirs_quotes]
        ).select_related(*related)
    }
    moved_quotes, merged_quotes = [], []
    for quote in theirs_quotes:
        twin = ours_quotes.get(quote.text_normalised)
        if twin is None:
            moved_quotes.append(quote)
        else:
            merged_quotes.append(_merged_quote(twin, quote))

    theirs_mentions = list(BriefingActor.objects.filter(actor=duplicate).select_related("briefing"))
    ours_mentions = {
        link.briefing_id: link
        for link in BriefingActor.objects.filter(
            actor=survivor, briefing__in=[link.briefing_id for link in theirs_mentions]
        )
    }
    moved_mentions = [link for link in theirs_mentions if link.briefing_id not in ours_mentions]
    combined_mentions = [
        (link, ours_mentions[link.briefing_id])
        for link in theirs_mentions
        if link.briefing_id in ours_mentions
    ]

    ours_aliases = set(survivor.aliases.values_list("name", "language"))
    moved_aliases, dropped_aliases = [], []
    for alias in duplicate.aliases.all():
        held = alias.name == survivor.name or (alias.name, alias.language) in ours_aliases
        (dropped_aliases if held else moved_aliases).append(alias)
    alias_names = {name for name, _ in ours_aliases} | {alias.name for alias in moved_aliases}
    new_alias = (
        duplicate.name
        if duplicate.name != survivor.name and duplicate.name not in alias_names
        else ""
    )

    ours_tenures = {
        (t.office_id, t.started_on): t for t in survivor.tenures.select_related("office")
    }
    moved_tenures, merged_tenures = [], []
    for tenure in duplicate.tenures.select_related("office").order_by("started_on"):
        twin = ours_tenures.get((tenure.office_id, tenure.started_on))
        if twin is None:
            moved_tenures.append(tenure)
        else:
            merged_tenures.append((tenure, twin))

    theirs_offices = list(Office.objects.filter(organisation=duplicate))
    ours_offices = {
        office.title: office
        for office in Office.objects.filter(
            organisation=survivor, title__in=[office.title for office in theirs_offices]
        )
    }
    moved_offices = [office for office in theirs_offices if office.title not in ours_offices]
    merged_offices = [
        (office, ours_offices[office.title])
        for office in theirs_offices
        if office.title in ours_offices
    ]

    filled_fields, dropped_fields, fills = _profile_fills(survivor, duplicate)
    plan = ActorMergePlan(
        survivor=survivor,
        duplicate=duplicate,
        old_address=duplicate.get_absolute_url(),
        new_address=survivor.get_absolute_url(),
        moved_quotes=moved_quotes,
        merged_quotes=merged_quotes,
        moved_mentions=moved_mentions,
        combined_mentions=combined_mentions,
        moved_aliases=moved_aliases,
        dropped_aliases=dropped_aliases,
        new_alias=new_alias,
        moved_tenures=moved_tenures,
        merged_tenures=merged_tenures,
        moved_offices=moved_offices,
        merged_offices=merged_offices,
        filled_fields=filled_fields,
        dropped_fields=dropped_fields,
        redirected_addresses=[
            reverse("briefings:actor_detail", kwargs={"slug": slug})
            for slug in ActorRedirect.objects.filter(actor=duplicate)
            .order_by("old_slug")
            .values_list("old_slug", flat=True)
        ],
        fills=fills,
    )
    plan.fingerprint = _merge_fingerprint(plan)
    return plan


def actor_merge_plans(*, survivor, duplicates, by):
    """The plans for merging each of `duplicates` into `survivor` in turn; writes nothing.

    Each plan is what its merge will find: after the merges before it. Two duplicates may both
    have the same quote, which the first brings over and the second's copy is merged into; so
    with several duplicates the merges are run here and rolled back.
    """

    if not policies.can_merge_actors(by):
        raise PermissionDenied("Only editors may merge actors.")
    duplicates = list(duplicates)
    if len(duplicates) < 2:
        return [actor_merge_plan(survivor=survivor, duplicate=d) for d in duplicates]
    plans = []
    with transaction.atomic():
        kept = Actor.objects.get(pk=survivor.pk)
        for duplicate in duplicates:
            plan = actor_merge_plan(survivor=kept, duplicate=Actor.objects.get(pk=duplicate.pk))
            plans.append(copy.deepcopy(plan))
            _actor_merge_execute(plan, by=by)
        transaction.set_rollback(True)
    return plans


def _actor_merge_execute(plan, *, by):
    survivor, duplicate = plan.survivor, plan.duplicate
    for quote in plan.moved_quotes:
        quote.speaker = survivor
        quote._history_user = policies.recorded(by)
        quote._change_reason = _history_reason(f"Speaker merged into {survivor}")
        quote.save()
    for merged in plan.merged_quotes:
        _merge_quote_copies(merged, plan, by=by)

    for link in plan.moved_mentions:
        link.actor = survivor
        link.save()
    for theirs, ours in plan.combined_mentions:
        ours.mention_count += theirs.mention_count
        ours.curated = ours.curated or theirs.curated
        if _MERGE_ROLE_RANK.get(theirs.role, 9) < _MERGE_ROLE_RANK.get(ours.role, 9):
            ours.role = theirs.role
        ours.save()
        theirs.delete()

    for alias in plan.moved_aliases:
        alias.actor = survivor
        alias.save()
    if plan.new_alias:
        ActorAlias.objects.create(actor=survivor, name=plan.new_alias, kind=ActorAlias.Kind.OTHER)

    for tenure in plan.moved_tenures:
        tenure.actor = survivor
        tenure._history_user = policies.recorded(by)
        tenure._change_reason = _history_reason(f"Holder merged into {survivor}")
        tenure.save()
    for theirs, ours in plan.merged_tenures:
        Quote.objects.filter(tenure=theirs).update(tenure=ours)
        theirs._history_user = policies.recorded(by)
        theirs._change_reason = f"Merged into tenure #{ours.pk}: the same office from the same day"
        theirs.delete()

    for office in plan.moved_offices:
        office.organisation = survivor
        office.save()
    for office, twin in plan.merged_offices:
        # Both organisations list the same office: its holders join the survivor's office.
        held = {(tenure.actor_id, tenure.started_on): tenure for tenure in twin.tenures.all()}
        for tenure in office.tenures.all():
            same = held.get((tenure.actor_id, tenure.started_on))
            if same is None:
                tenure.office = twin
                tenure._history_user = policies.recorded(by)
                tenure.save()
            else:
                Quote.objects.filter(tenure=tenure).update(tenure=same)
                tenure._history_user = policies.recorded(by)
                tenure.delete()
        office.delete()

    ActorRedirect.objects.filter(actor=duplicate).update(actor=survivor)
    ActorRedirect.objects.update_or_create(old_slug=duplicate.slug, defaults={"actor": survivor})

    # The duplicate goes before the survivor takes over its profile: its Wikidata ID is unique,
    # and so is a name with its short description.
    name, pk = str(duplicate), duplicate.pk
    duplicate._history_user = policies.recorded(by)
    duplicate._change_reason = _history_reason(f"Merged into {survivor} (#{survivor.pk})")
    duplicate.delete()
    for attribute, value in plan.fills.items():
        setattr(survivor, attribute, value)
    reason = f"Merged {name} (#{pk}) into this actor"
    if plan.filled_fields:
        count = len(plan.filled_fields)
        reason += f"; {count} field{'s' if count != 1 else ''} filled from it"
    survivor._history_user = policies.recorded(by)
    survivor._change_reason = _history_reason(reason)
    survivor.save()


def _history_reason(text):
    """A change reason as the history stores it: 100 characters at most."""
    return text if len(text) <= 100 else f"{text[:99]}…"


def _merge_quote_copies(merged, plan, *, by):
    """Keep one copy of the same words: the briefings using the other use it, at their place."""
    kept, dropped = merged.kept, merged.dropped
    places = {link.briefing_id: link for link in BriefingQuote.objects.filter(quote=kept)}
    for link in BriefingQuote.objects.filter(quote=dropped):
        same = places.get(link.briefing_id)
        if same is None:
            link.quote = kept
            link.save()
            continue
        if link.order < same.order:
            same.order = link.order
            same.save()
        link.delete()
    dropped_pk = dropped.pk
    dropped._history_user = policies.recorded(by)
    dropped._change_reason = _history_reason(
        f"Merged into quote #{kept.pk}, {merged.basis} of the same words, as actor "
        f"#{plan.duplicate.pk} was merged into #{plan.survivor.pk}"
    )
    dropped.delete()
    if merged.kept_from_duplicate:
        kept.speaker = plan.survivor
        kept._history_user = policies.recorded(by)
        kept._change_reason = _history_reason(
            f"Speaker merged into #{plan.survivor.pk}; quote #{dropped_pk} merged into this, "
            f"{merged.basis}"
        )
        kept.save()


@transaction.atomic
def actor_merge(*, survivor, duplicate, by, expected=None):
    """Fold `duplicate` into `survivor` by carrying out `actor_merge_plan`: quotes, mentions,
    aliases, tenures and offices move over, the better-established copy of a quote both have
    stays, empty profile fields are filled from the duplicate, the duplicate's name becomes an
    alias, and its old address redirects to the survivor.

    `expected`: the fingerprint of the plan the editor was shown; when the plan is now another
    (someone edited either actor meanwhile), ActorMergeChanged is raised and nothing is merged.
    """

    if not policies.can_merge_actors(by):
        raise PermissionDenied("Only editors may merge actors.")
    if survivor.pk == duplicate.pk:
        raise ValidationError("Choose two different actors to merge.")
    # Both rows locked (on PostgreSQL) and read again: the plan is made from what is stored.
    found = set(
        Actor.objects.select_for_update()
        .filter(pk__in=[survivor.pk, duplicate.pk])
        .values_list("pk", flat=True)
    )
    if found != {survivor.pk, duplicate.pk}:
        raise ValidationError("One of the actors to merge no longer exists.")
    survivor.refresh_from_db()
    duplicate.refresh_from_db()
    plan = actor_merge_plan(survivor=survivor, duplicate=duplicate)
    if expected is not None and plan.fingerprint != expected:
        raise ActorMergeChanged(plan)
    _actor_merge_execute(plan, by=by)
    return survivor
