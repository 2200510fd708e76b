"""Topics, places, sources, FAQ entries and corrections."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count

from briefings import permissions
from briefings.models import Correction, FAQEntry, Place, Source, Topic

from .base import PlainHelpTextMixin
from .filters import briefings_visible_to
from .history import HistoryAdmin
from .preview import MarkdownPreviewMixin


@admin.register(Topic)
class TopicAdmin(PlainHelpTextMixin, MarkdownPreviewMixin, admin.ModelAdmin):
    list_display = ["name", "parent", "briefing_count", "updated_at"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    markdown_preview_fields = ("description",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(briefing_count=Count("briefings"))

    @admin.display(description="briefings", ordering="briefing_count")
    def briefing_count(self, topic):
        return topic.briefing_count


@admin.register(Place)
class PlaceAdmin(PlainHelpTextMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "iso_code", "part_of"]
    list_filter = ["kind", ("parents", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "iso_code"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parents"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("parents")

    @admin.display(description="part of")
    def part_of(self, place):
        return ", ".join(str(parent) for parent in place.parents.all())


@admin.register(Source)
class SourceAdmin(HistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "publisher", "kind", "published_on", "accessed_on", "quote_count"]
    list_filter = ["kind", "publisher", "accessed_on"]
    search_fields = ["title", "publisher", "url"]
    date_hierarchy = "published_on"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(quote_count=Count("quotes"))

    @admin.display(description="quotes", ordering="quote_count")
    def quote_count(self, source):
        return source.quote_count


class OnBriefingFilter(admin.SimpleListFilter):
    title = "belongs to"
    parameter_name = "on"

    def lookups(self, request, model_admin):
        return [("briefing", "A briefing"), ("none", "No briefing (general)")]

    def queryset(self, request, queryset):
        if self.value() == "briefing":
            return queryset.filter(briefing__isnull=False)
        if self.value() == "none":
            return queryset.filter(briefing__isnull=True)
        return queryset


class FAQEntryAdminForm(forms.ModelForm):
    user = None  # set per request by FAQEntryAdmin.get_form

    def clean_briefing(self):
        briefing = self.cleaned_data.get("briefing")
        if permissions.is_editor(self.user):
            return briefing
        if briefing is None or not permissions.can_edit_briefing(self.user, briefing):
            raise ValidationError(
                "You can add FAQ entries to your own draft briefings; general entries, and "
                "entries on other briefings, are for editors."
            )
        return briefing


@admin.register(FAQEntry)
class FAQEntryAdmin(MarkdownPreviewMixin, HistoryAdmin):
    form = FAQEntryAdminForm
    list_display = ["question", "briefing", "order", "last_reviewed_on"]
    list_select_related = ["briefing"]
    list_filter = [OnBriefingFilter, "topics", "last_reviewed_on"]
    search_fields = ["question", "answer", "briefing__title"]
    autocomplete_fields = ["briefing", "topics"]
    fields = ["question", "answer", "briefing", "order", "topics", "last_reviewed_on"]
    markdown_preview_fields = ("answer",)

    # An entry on a briefing follows the briefing's rules; general entries are editors' work.

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if permissions.is_editor(request.user):
            return queryset
        return queryset.filter(briefing__in=briefings_visible_to(request.user))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user
        return form

    def _may_edit(self, request, entry):
        if entry is None:
            return True
        if entry.briefing is None:
            return permissions.is_editor(request.user)
        return permissions.can_edit_briefing(request.user, entry.briefing)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_edit(request, obj)


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["briefing", "kind", "published_at", "short_text"]
    list_select_related = ["briefing"]
    list_filter = ["kind", "published_at"]
    search_fields = ["text", "briefing__title"]
    autocomplete_fields = ["briefing"]
    date_hierarchy = "published_at"

    @admin.display(description="text")
    def short_text(self, correction):
        text = correction.text
        return text if len(text) <= 100 else f"{text[:99]}…"
