"""Topics, places, sources, FAQ entries and corrections."""

from django.contrib import admin
from django.db import models
from django.db.models import Count

from briefings.models import Correction, FAQEntry, Place, Source, Topic

from .base import PlainHelpTextMixin, PolicyAdminMixin
from .history import HistoryAdmin
from .preview import MarkdownPreviewMixin


@admin.register(Topic)
class TopicAdmin(PolicyAdminMixin, PlainHelpTextMixin, MarkdownPreviewMixin, admin.ModelAdmin):
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
class PlaceAdmin(PolicyAdminMixin, PlainHelpTextMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "iso_code", "part_of"]
    list_filter = ["kind", ("parents", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "aliases", "iso_code"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parents"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("parents")

    @admin.display(description="part of")
    def part_of(self, place):
        return ", ".join(str(parent) for parent in place.parents.all())


@admin.register(Source)
class SourceAdmin(PolicyAdminMixin, HistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "title",
        "publisher",
        "kind",
        "published_on",
        "accessed_on",
        "quote_count",
        "needs_review",
    ]
    list_filter = ["needs_review", "kind", "publisher", "accessed_on"]
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


@admin.register(FAQEntry)
class FAQEntryAdmin(PolicyAdminMixin, MarkdownPreviewMixin, HistoryAdmin):
    list_display = ["question", "briefing", "order", "last_reviewed_on"]
    list_select_related = ["briefing"]
    list_filter = [OnBriefingFilter, "topics", "last_reviewed_on"]
    search_fields = ["question", "answer", "briefing__title"]
    autocomplete_fields = ["briefing", "topics"]
    fields = ["question", "answer", "briefing", "order", "topics", "last_reviewed_on"]
    markdown_preview_fields = ("answer",)


@admin.register(Correction)
class CorrectionAdmin(PolicyAdminMixin, admin.ModelAdmin):
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
