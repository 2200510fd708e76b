"""Actors with their other names and offices held, the offices, and merging duplicate actors."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils import timezone

from briefings import policies, services
from briefings.filters import parse_whole_number
from briefings.models import Actor, ActorAlias, Office, Tenure

from .base import (
    PlainHelpTextMixin,
    PolicyAdminMixin,
    change_reason,
    choices_filter,
    refusal_text,
)
from .history import HistoryAdmin
from .preview import MarkdownPreviewMixin


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 1
    fields = ["name", "kind", "language"]


class TenureInline(admin.TabularInline):
    model = Tenure
    extra = 0
    fields = ["office", "started_on", "ended_on", "note"]
    ordering = ["started_on"]
    autocomplete_fields = ["office"]


class ActorTenureInline(TenureInline):
    verbose_name = "office held"
    verbose_name_plural = "offices held"


class OfficeTenureInline(TenureInline):
    fields = ["actor", "started_on", "ended_on", "note"]
    autocomplete_fields = ["actor"]
    verbose_name = "holder"
    verbose_name_plural = "holders"


def _with_merge_counts(queryset):
    """What would move in a merge, per actor."""
    return queryset.annotate(
        quote_count=Count("quotes", distinct=True),
        mention_count=Count("briefing_links", distinct=True),
        alias_count=Count("aliases", distinct=True),
        tenure_count=Count("tenures", distinct=True),
    )


@admin.register(Actor)
class ActorAdmin(PolicyAdminMixin, PlainHelpTextMixin, MarkdownPreviewMixin, HistoryAdmin):
    list_display = ["name", "kind", "short_description", "country", "needs_review", "updated_at"]
    list_filter = ["needs_review", "kind", "country"]
    list_select_related = ["country"]
    search_fields = ["name", "aliases__name", "short_description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]
    inlines = [ActorAliasInline, ActorTenureInline]
    markdown_preview_fields = ("bio",)
    fieldsets = [
        (
            None,
            {"fields": ["name", "slug", "kind", "short_description", "country", "needs_review"]},
        ),
        (
            "Profile",
            {"fields": ["bio", ("born_on", "born_on_precision"), ("died_on", "died_on_precision")]},
        ),
        ("Identifiers", {"fields": ["wikidata_id"]}),
    ]
    actions = ["merge_actors"]

    def has_merge_permission(self, request):
        return policies.can_merge_actors(request.user)

    def save_model(self, request, obj, form, change):
        # The relinking waits for the aliases, saved with the inlines in save_related.
        obj._names_changed = "name" in form.changed_data or "needs_review" in form.changed_data
        services.actor_save(actor=obj, by=request.user, reason=change_reason(request), relink=False)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        renamed = getattr(form.instance, "_names_changed", False) or any(
            formset.has_changed() for formset in formsets if formset.model is ActorAlias
        )
        if renamed or not change:
            count = services.actor_relink(actor=form.instance)
            if count:
                self.message_user(
                    request,
                    f"Checked {count} briefing{'s' if count != 1 else ''} for mentions of "
                    f"“{form.instance}” under its names and aliases.",
                )

    @admin.action(description="Merge selected actors", permissions=["merge"])
    def merge_actors(self, request, queryset):
        """Asks which actor survives, shows what will happen to each thing, then merges.

        The page shows, for each actor that could be kept, the plans `services.actor_merge_plans`
        makes; confirming sends their fingerprints back, and a merge whose plan has changed in
        between is not carried out: the page comes back with the new plan instead.
        """
        actors = self._merge_candidates(queryset)
        if len(actors) < 2:
            self.message_user(
                request,
                "Select at least two actors to merge: the one to keep and its duplicates.",
                messages.WARNING,
            )
            return None
        chosen = request.POST.get("survivor")
        survivor = next((actor for actor in actors if str(actor.pk) == chosen), None)
        changed = False
        if request.POST.get("post") == "yes" and survivor is not None:
            shown = request.POST.get(f"plan-{survivor.pk}")
            try:
                notes = self._merge(request, survivor, actors, _fingerprints(shown))
            except services.ActorMergeChanged:
                changed = True
                actors = self._merge_candidates(queryset)
                survivor = next((actor for actor in actors if str(actor.pk) == chosen), None)
            else:
                for note, level in notes:
                    self.message_user(request, note, level)
                return None
        if len(actors) < 2:
            self.message_user(request, "Nothing left to merge.", messages.WARNING)
            return None
        choices = []
        for candidate in actors:
            others = [actor for actor in actors if actor.pk != candidate.pk]
            plans = services.actor_merge_plans(
                survivor=candidate, duplicates=others, by=request.user
            )
            fingerprints = ",".join(f"{plan.duplicate.pk}:{plan.fingerprint}" for plan in plans)
            choices.append({"actor": candidate, "plans": plans, "fingerprints": fingerprints})
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge actors",
            "subtitle": None,
            "opts": self.model._meta,
            "actors": actors,
            "choices": choices,
            "survivor": survivor or actors[0],
            "not_chosen": request.POST.get("post") == "yes" and survivor is None,
            "changed": changed,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/briefings/actor/merge.html", context)

    def _merge_candidates(self, queryset):
        """The selected actors, the one with the most quotes and mentions first."""
        return sorted(
            _with_merge_counts(queryset),
            key=lambda actor: (-(actor.quote_count + actor.mention_count), actor.pk),
        )

    def _merge(self, request, survivor, actors, shown):
        """Merges the other actors into `survivor`, in the page's order, all or none if a plan
        shown has changed (ActorMergeChanged); returns the messages to show."""
        notes = []
        with transaction.atomic():
            for duplicate in [actor for actor in actors if actor.pk != survivor.pk]:
                name, old_address = str(duplicate), duplicate.get_absolute_url()
                expected = None if shown is None else shown.get(duplicate.pk, "")
                try:
                    services.actor_merge(
                        survivor=survivor, duplicate=duplicate, by=request.user, expected=expected
                    )
                except services.ActorMergeChanged:
                    raise
                except (PermissionDenied, ValidationError) as refusal:
                    reason = refusal_text(refusal)
                    notes.append((f"“{name}” was not merged: {reason}", messages.ERROR))
                    continue
                notes.append(
                    (
                        f"Merged “{name}” into “{survivor}”: its quotes, mentions, aliases and "
                        f"offices moved over, and its old address {old_address} now redirects to "
                        f"{survivor.get_absolute_url()}.",
                        messages.SUCCESS,
                    )
                )
        return notes


def _fingerprints(shown):
    """{duplicate's pk: fingerprint of the plan shown} from the page's "pk:fingerprint,…";
    None when the page sent none (the merge then goes ahead as planned now)."""
    if shown is None:
        return None
    pairs = (item.partition(":") for item in shown.split(",") if item)
    numbered = ((parse_whole_number(pk), fingerprint) for pk, _, fingerprint in pairs)
    return {pk: fingerprint for pk, fingerprint in numbered if pk is not None}


@admin.register(Office)
class OfficeAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "organisation", "single_holder", "holder_count"]
    list_filter = ["single_holder", ("organisation__kind", choices_filter("organisation kind"))]
    list_select_related = ["organisation"]
    search_fields = ["title", "organisation__name"]
    autocomplete_fields = ["organisation"]
    inlines = [OfficeTenureInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(holder_count=Count("tenures"))

    @admin.display(description="tenures", ordering="holder_count")
    def holder_count(self, office):
        return office.holder_count


class ServingFilter(admin.SimpleListFilter):
    title = "serving"
    parameter_name = "serving"

    def lookups(self, request, model_admin):
        return [("now", "Serving now"), ("ended", "Ended")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        serving = Q(started_on__lte=today) & (Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        if self.value() == "now":
            return queryset.filter(serving)
        if self.value() == "ended":
            return queryset.filter(ended_on__lt=today)
        return queryset


@admin.register(Tenure)
class TenureAdmin(PolicyAdminMixin, HistoryAdmin):
    list_display = ["actor", "office", "started_on", "ended_on", "note"]
    list_filter = [
        ServingFilter,
        ("office", admin.RelatedOnlyFieldListFilter),
        ("actor__kind", choices_filter("holder kind")),
    ]
    list_select_related = ["actor", "office"]
    search_fields = ["actor__name", "actor__aliases__name", "office__title", "note"]
    autocomplete_fields = ["actor", "office"]
    date_hierarchy = "started_on"
