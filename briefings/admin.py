"""The editors' admin. Issue-level workflow (roles, actions, preview) builds on these registrations."""

from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Actor,
    ActorAlias,
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


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "updated_at"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "iso_code"]
    list_filter = ["kind"]
    search_fields = ["name", "iso_code"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parents"]


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 1


class TenureInline(admin.TabularInline):
    model = Tenure
    extra = 0
    autocomplete_fields = ["office"]


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "short_description", "country", "updated_at"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "aliases__name", "short_description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]
    inlines = [ActorAliasInline, TenureInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "short_description", "country"]}),
        (
            "Profile",
            {"fields": ["bio", ("born_on", "born_on_precision"), ("died_on", "died_on_precision")]},
        ),
        ("Identifiers", {"fields": ["wikidata_id"]}),
    ]


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "single_holder"]
    list_filter = ["single_holder"]
    search_fields = ["title", "organisation__name"]
    autocomplete_fields = ["organisation"]
    inlines = [TenureInline]


@admin.register(Tenure)
class TenureAdmin(SimpleHistoryAdmin):
    list_display = ["actor", "office", "started_on", "ended_on"]
    search_fields = ["actor__name", "office__title"]
    autocomplete_fields = ["actor", "office"]
    date_hierarchy = "started_on"


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "publisher", "kind", "published_on"]
    list_filter = ["kind"]
    search_fields = ["title", "publisher", "url"]


class BriefingActorInline(admin.TabularInline):
    model = BriefingActor
    extra = 0
    autocomplete_fields = ["actor"]


class BriefingQuoteInline(admin.TabularInline):
    model = BriefingQuote
    extra = 0
    autocomplete_fields = ["quote"]


class FAQEntryInline(admin.StackedInline):
    model = FAQEntry
    extra = 0
    fields = ["question", "answer", "order", "last_reviewed_on"]


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0


@admin.register(Briefing)
class BriefingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "status", "kind", "published_at", "updated_at"]
    list_filter = ["status", "kind", "topics", "places"]
    search_fields = ["title", "standfirst", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topics", "places", "related", "sources", "authors"]
    inlines = [BriefingQuoteInline, BriefingActorInline, FAQEntryInline, CorrectionInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "standfirst", "body"]}),
        (
            "Publication",
            {"fields": ["status", "published_at", "information_as_of", "featured", "authors"]},
        ),
        ("Classification", {"fields": ["topics", "places", "related", "sources"]}),
    ]


@admin.register(Quote)
class QuoteAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "speaker", "date_said", "verification"]
    list_select_related = ["speaker"]
    list_filter = ["verification", "speaker__kind"]
    search_fields = ["text", "speaker__name", "speaker__aliases__name"]
    autocomplete_fields = ["speaker", "tenure", "source"]
    fieldsets = [
        (None, {"fields": ["text", "language", "speaker", "attributed_as", "tenure"]}),
        ("When and where", {"fields": [("said_on", "said_on_precision"), "occasion", "context"]}),
        ("Source and verification", {"fields": ["source", "source_locator", "verification"]}),
    ]

    @admin.display(description="date said", ordering="said_on")
    def date_said(self, quote):
        # As precise as it is known: "Feb 2022", not "1 Feb 2022".
        return quote.said or "—"


@admin.register(FAQEntry)
class FAQEntryAdmin(SimpleHistoryAdmin):
    list_display = ["question", "briefing", "order", "last_reviewed_on"]
    search_fields = ["question", "answer"]
    autocomplete_fields = ["briefing", "topics"]


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["briefing", "kind", "published_at"]
    list_filter = ["kind"]
    search_fields = ["text", "briefing__title"]
    autocomplete_fields = ["briefing"]
