"""The briefing form and list: roles, workflow, safe saves, preview and history.

Every write goes through `briefings.services`, every check through `briefings.policies`.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html

from briefings import linking, policies, services
from briefings.models import Briefing, BriefingActor, BriefingQuote, Correction, FAQEntry
from briefings.services import StaleEditError

from .base import PlainHelpTextMixin, PolicyAdminMixin, refusal_text
from .diffs import display_value
from .filters import LastUpdatedFilter, OwnerFilter, PublicationFilter
from .history import HistoryAdmin, restoring
from .importer import ImportBriefingMixin
from .preview import ADMIN_MEDIA, PREVIEW_URL_NAME, MarkdownPreviewMixin, markdown_preview
from .safe_save import BriefingAdminForm, SaveRefused, StaleRowsError
from .workflow import STEPS, WORKFLOW, offered_steps, workflow_action

Status = Briefing.Status
# The hidden fields saying what the form was opened from (see safe_save).
FINGERPRINTS = ("version", "rows_version")


class FollowsBriefing:
    """An inline on the briefing form: who may not edit the briefing may not change its rows."""

    def _may_edit(self, request, obj):
        return obj is None or policies.can_change(request.user, obj)

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self._may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_edit(request, obj)


class FAQEntryInline(FollowsBriefing, MarkdownPreviewMixin, admin.StackedInline):
    model = FAQEntry
    extra = 0
    fields = ["question", "answer", "order", "last_reviewed_on"]
    ordering = ["order", "pk"]
    markdown_preview_fields = ("answer",)


class BriefingQuoteInline(FollowsBriefing, admin.TabularInline):
    model = BriefingQuote
    extra = 0
    fields = ["quote", "order"]
    ordering = ["order", "pk"]
    autocomplete_fields = ["quote"]


class BriefingActorInline(FollowsBriefing, admin.TabularInline):
    model = BriefingActor
    extra = 0
    fields = ["actor", "role", "mention_count", "curated", "excluded"]
    readonly_fields = ["mention_count"]
    verbose_name_plural = (
        "actors in briefing (found in the text on save; pin or exclude to override)"
    )
    autocomplete_fields = ["actor"]


class CorrectionInline(FollowsBriefing, admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["kind", "published_at", "text"]


# The admin --------------------------------------------------------------------------------


@admin.register(Briefing)
class BriefingAdmin(
    ImportBriefingMixin, PolicyAdminMixin, PlainHelpTextMixin, MarkdownPreviewMixin, HistoryAdmin
):
    form = BriefingAdminForm
    change_list_template = "admin/briefings/briefing/change_list.html"
    markdown_preview_fields = ("body",)
    list_display = [
        "title",
        "status",
        "kind",
        "published_date",
        "updated_date",
        "author_names",
        "publication",
    ]
    list_filter = [
        "status",
        PublicationFilter,
        LastUpdatedFilter,
        OwnerFilter,
        "kind",
        "topics",
        "places",
        ("authors", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "standfirst", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topics", "places", "related", "sources", "authors"]
    inlines = [FAQEntryInline, BriefingQuoteInline, BriefingActorInline, CorrectionInline]
    fieldsets = [
        ("Content", {"fields": ["title", "slug", "kind", "standfirst", "body", *FINGERPRINTS]}),
        (
            "Publication",
            {"fields": ["status", "published_at", "information_as_of", "featured", "authors"]},
        ),
        ("Classification", {"fields": ["topics", "places", "related", "sources"]}),
    ]
    actions = [workflow_action(step) for step in WORKFLOW]
    change_form_template = "admin/briefings/briefing/change_form.html"
    # A restore brings back the content; the workflow state stays as it is now.
    kept_on_restore = ("status", "published_at", "featured", "created_by", "version")

    # Who sees and changes what: PolicyAdminMixin, from briefings.policies

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authors")

    def has_submit_for_review_permission(self, request):
        return policies.is_contributor(request.user)

    def has_publish_permission(self, request):
        return policies.can_publish(request.user, None)

    def has_unpublish_permission(self, request):
        return policies.can_unpublish(request.user, None)

    def has_archive_permission(self, request):
        return policies.can_archive(request.user, None)

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if policies.is_editor(request.user):
            return readonly
        # Picking other users as authors needs the user list, which contributors cannot see.
        return [*readonly, "authors"]

    def get_inlines(self, request, obj):
        if policies.is_editor(request.user):
            return self.inlines
        return [inline for inline in self.inlines if inline is not CorrectionInline]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if policies.is_editor(request.user):
            initial.setdefault("authors", [request.user.pk])
        return initial

    def get_search_results(self, request, queryset, search_term):
        match = request.resolver_match
        if (
            match is not None
            and match.url_name == "autocomplete"
            and request.GET.get("model_name") == "briefing"
            and request.GET.get("field_name") == "related"
        ):
            # Contributors may point readers to any public briefing, not only their own.
            queryset = queryset | Briefing.objects.published()
        return super().get_search_results(request, queryset, search_term)

    # The list

    @admin.display(description="published", ordering="published_at")
    def published_date(self, briefing):
        return date_format(briefing.published_at, "j M Y") if briefing.published_at else "—"

    @admin.display(description="updated", ordering="updated_at")
    def updated_date(self, briefing):
        return date_format(briefing.updated_at, "j M Y")

    @admin.display(description="authors")
    def author_names(self, briefing):
        return ", ".join(
            author.get_full_name() or author.get_username() for author in briefing.authors.all()
        )

    @admin.display(description="on the site")
    def publication(self, briefing):
        if briefing.is_public:
            return format_html('<span class="badge badge-public">{}</span>', "Public")
        if briefing.status == Status.PUBLISHED and briefing.published_at:
            return format_html(
                '<span class="badge badge-scheduled" title="Goes public on {}">{}</span>',
                display_value(None, briefing.published_at),
                "Scheduled",
            )
        return format_html('<span class="badge badge-private">{}</span>', "Not public")

    # The form

    def get_urls(self):
        return [
            path("markdown-preview/", markdown_preview, name=PREVIEW_URL_NAME),
            *super().get_urls(),
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        restore = restoring(request)
        if restore is not None and obj is not None and restore.current is not None:
            for name in self.kept_on_restore:
                setattr(obj, name, getattr(restore.current, name))
        # `version` and `rows_version` are the form's own fields (the model's version is not
        # editable), placed in a fieldset only so that the admin renders them.
        fields = kwargs.get("fields") or flatten_fieldsets(self.get_fieldsets(request, obj))
        kwargs["fields"] = [name for name in fields if name not in FINGERPRINTS]
        form = super().get_form(request, obj, change, **kwargs)
        # The rows the form's inlines save: their fingerprint is checked like the version. A
        # restore saves none.
        form.row_models = (
            ()
            if obj is None or restore is not None
            else tuple(
                inline.model
                for inline in self.get_inline_instances(request, obj)
                if inline.has_add_permission(request, obj)
                or inline.has_change_permission(request, obj)
                or inline.has_delete_permission(request, obj)
            )
        )
        return form

    def get_fieldsets(self, request, obj=None):
        if obj is None or self.has_change_permission(request, obj):
            return self.fieldsets
        # Read-only: the version is in the status line above the form.
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in FINGERPRINTS]})
            for name, options in self.fieldsets
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        may_save = (
            self.has_add_permission(request) if add else self.has_change_permission(request, obj)
        )
        briefing = obj if obj is not None else Briefing()
        context.update(
            show_save_and_preview=may_save,
            workflow_steps=offered_steps(request.user, briefing) if may_save else [],
            status_badge=self.publication(briefing),
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        restore = restoring(request)
        if restore is not None:
            reason = restore.reason
        elif change and "status" in form.changed_data:
            old, new = (
                display_value(Briefing._meta.get_field("status"), value)
                for value in (form.initial.get("status"), obj.status)
            )
            reason = f"Edited; status {old} → {new}"
        else:
            reason = ""
        if change and restore is None and not form.has_changed():
            # Nothing to save (say, "Publish" pressed on an unchanged form): no new version.
            return
        request.briefings_saved = True
        try:
            services.briefing_save(
                briefing=obj,
                by=request.user,
                expected_version=form.cleaned_data.get("version") if change else None,
                reason=reason,
                record_mentions=False,  # in save_related, once the quotes and actors are saved
            )
        except PermissionDenied as refusal:
            raise SaveRefused(refusal_text(refusal)) from refusal

    def save_formset(self, request, form, formset, change):
        if formset.model is BriefingActor:
            # A row the editor added or changed is theirs: automatic linking leaves it alone.
            rows = formset.save(commit=False)  # also works out `changed_objects`
            touched = {
                row.pk for row, fields in formset.changed_objects if {"actor", "role"} & set(fields)
            }
            for row in rows:
                if row.pk is None or row.pk in touched:
                    row.curated = True
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        if change and form.rows_changed():
            raise StaleRowsError(form.instance)  # rolled back; the form then says what changed
        super().save_related(request, form, formsets, change)
        linking.record_mentions(form.instance)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return self._showing_refusals(
            super().changeform_view, request, object_id, form_url, extra_context
        )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        return self._showing_refusals(
            super().history_form_view, request, object_id, version_id, extra_context
        )

    def _showing_refusals(self, view, request, *args):
        """Runs an admin view that saves a briefing, turning the service's refusals into words.

        The form checks the version first; the service's atomic check is the real guard. If
        another save lands between the two, the service raises StaleEditError and the view's
        transaction rolls back, so nothing of this save is written. The view then runs again:
        the form now sees the newer version and shows the editor their text with what changed.
        """
        try:
            return view(request, *args)
        except StaleEditError:
            return view(request, *args)
        except SaveRefused as refusal:
            self.message_user(request, f"Your changes were not saved: {refusal}", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_save(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

    def response_change(self, request, obj):
        return self._after_save(request, obj) or super().response_change(request, obj)

    def _after_save(self, request, obj):
        if restoring(request) is not None:
            return None
        if "_saveandpreview" in request.POST:
            return HttpResponseRedirect(obj.get_absolute_url())
        step = STEPS.get(request.POST.get("_workflow", ""))
        if step is not None:
            if getattr(request, "briefings_saved", False):
                self.message_user(request, f"Saved your changes to “{obj}”.", messages.SUCCESS)
            self.apply_step(request, obj, step)
            return HttpResponseRedirect(reverse("admin:briefings_briefing_change", args=[obj.pk]))
        return None

    def apply_step(self, request, briefing, step):
        """Runs one workflow step through its service and tells the user how it went."""
        try:
            step.service(briefing=briefing, by=request.user)
        except (PermissionDenied, ValidationError) as refusal:
            self.message_user(
                request,
                f"“{briefing}” was not {step.done}: {refusal_text(refusal)}",
                messages.ERROR,
            )
            return
        if step.name == "publish" and not briefing.is_public:
            when = display_value(None, briefing.published_at)
            self.message_user(
                request, f"“{briefing}” is scheduled: it goes public on {when}.", messages.SUCCESS
            )
        else:
            self.message_user(request, f"“{briefing}” {step.done}.", messages.SUCCESS)

    @property
    def media(self):
        return super().media + ADMIN_MEDIA
