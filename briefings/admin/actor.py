"""Actors with their other names and offices held, the offices, and merging duplicate actors."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils import timezone

from briefings import linking, permissions, services
from briefings.models import Actor, ActorAlias, Office, Tenure

from .base import PlainHelpTextMixin, choices_filter, refusal_text
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
class ActorAdmin(PlainHelpTextMixin, MarkdownPreviewMixin, HistoryAdmin):
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
        return permissions.can_merge_actors(request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        renamed = "name" in form.changed_data or any(
            formset.has_changed() for formset in formsets if formset.model is ActorAlias
        )
        if renamed:
            # Briefings that name the actor under a new name or alias list it from now on.
            count = linking.relink(linking.briefings_naming(form.instance))
            if count:
                self.message_user(
                    request,
                    f"Checked {count} briefing{'s' if count != 1 else ''} for mentions of "
                    f"“{form.instance}” under its names and aliases.",
                )

    @admin.action(description="Merge selected actors", permissions=["merge"])
    def merge_actors(self, request, queryset):
        """Asks which actor survives, shows what will move, then merges the others into it."""
        actors = sorted(
            _with_merge_counts(queryset),
            key=lambda actor: (-(actor.quote_count + actor.mention_count), actor.pk),
        )
        if len(actors) < 2:
            self.message_user(
                request,
                "Select at least two actors to merge: the one to keep and its duplicates.",
                messages.WARNING,
            )
            return None
        chosen = request.POST.get("survivor")
        survivor = next((actor for actor in actors if str(actor.pk) == chosen), None)
        if request.POST.get("post") == "yes" and survivor is not None:
            self._merge(request, survivor, [actor for actor in actors if actor != survivor])
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge actors",
            "subtitle": None,
            "opts": self.model._meta,
            "actors": actors,
            "survivor": survivor or actors[0],
            "not_chosen": request.POST.get("post") == "yes" and survivor is None,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/briefings/actor/merge.html", context)

    def _merge(self, request, survivor, duplicates):
        for duplicate in duplicates:
            name, old_address = str(duplicate), duplicate.get_absolute_url()
            try:
                services.actor_merge(survivor=survivor, duplicate=duplicate, by=request.user)
            except (PermissionDenied, ValidationError) as refusal:
                reason = refusal_text(refusal)
                self.message_user(request, f"“{name}” was not merged: {reason}", messages.ERROR)
                continue
            self.message_user(
                request,
                f"Merged “{name}” into “{survivor}”: its quotes, mentions, aliases and offices "
                f"moved over, and its old address {old_address} now redirects to "
                f"{survivor.get_absolute_url()}.",
                messages.SUCCESS,
            )


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
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
class TenureAdmin(HistoryAdmin):
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
