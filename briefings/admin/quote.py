"""Quotes: who said what and when, how well it is verified, and where it is used."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.utils.html import escape, format_html

from briefings import policies, services
from briefings.filters import parse_year
from briefings.models import Quote

from .base import PolicyAdminMixin, change_reason, choices_filter, refusal_text
from .history import HistoryAdmin
from .preview import ADMIN_MEDIA

Verification = Quote.Verification


class YearSaidFilter(admin.SimpleListFilter):
    title = "year said"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Quote.objects.filter(said_on__isnull=False).dates("said_on", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        year = parse_year(self.value())
        if year is not None:
            return queryset.filter(said_on__year=year)
        return queryset


class ChangedSinceVerifiedFilter(admin.SimpleListFilter):
    title = "since verification"
    parameter_name = "changed_since_verified"

    def lookups(self, request, model_admin):
        return [("1", "Changed since verified")]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(pk__in=Quote.objects.changed_since_verified().values("pk"))
        return queryset


def suggested_tenure(quote):
    """The office the speaker held on the date said, when exactly one fits; else None."""
    if quote.tenure_id is not None or quote.speaker_id is None or quote.said is None:
        return None
    return quote.speaker.tenure_on(quote.said)


@admin.register(Quote)
class QuoteAdmin(PolicyAdminMixin, HistoryAdmin):
    list_display = ["short_text", "speaker", "date_said", "verification_badge", "used_in"]
    list_select_related = ["speaker"]
    list_filter = [
        "verification",
        ChangedSinceVerifiedFilter,
        ("speaker__kind", choices_filter("speaker kind")),
        YearSaidFilter,
    ]
    search_fields = ["text", "speaker__name", "speaker__aliases__name", "occasion"]
    autocomplete_fields = ["speaker", "tenure", "source"]
    readonly_fields = ["verified_by", "verified_at"]
    fieldsets = [
        (None, {"fields": ["text", "language", "speaker", "attributed_as", "tenure"]}),
        ("When and where", {"fields": [("said_on", "said_on_precision"), "occasion", "context"]}),
        (
            "Source and verification",
            {
                "fields": [
                    "source",
                    "source_locator",
                    "verification",
                    ("verified_by", "verified_at"),
                ]
            },
        ),
    ]
    actions = ["mark_verified"]

    def get_queryset(self, request):
        # The annotation makes a GROUP BY, which drops the model's default ordering: restate it
        # so that autocomplete and list pages never repeat or skip a quote.
        return (
            super()
            .get_queryset(request)
            .annotate(briefing_count=Count("briefing_links"))
            .order_by(*Quote._meta.ordering)
        )

    def has_verify_permission(self, request):
        return policies.can_verify_quote(request.user, None)

    @admin.display(description="quote", ordering="text")
    def short_text(self, quote):
        return quote.text if len(quote.text) <= 80 else f"{quote.text[:79]}…"

    @admin.display(description="date said", ordering="said_on")
    def date_said(self, quote):
        # As precise as it is known: "Feb 2022", not "1 Feb 2022".
        return quote.said or "—"

    @admin.display(description="verification", ordering="verification")
    def verification_badge(self, quote):
        return format_html(
            '<span class="badge badge-{}">{}</span>',
            quote.verification,
            quote.get_verification_display(),
        )

    @admin.display(description="used in briefings", ordering="briefing_count")
    def used_in(self, quote):
        return quote.briefing_count

    def get_form(self, request, obj=None, change=False, **kwargs):
        suggestion = suggested_tenure(obj) if obj is not None else None
        if suggestion is not None:
            help_text = Quote._meta.get_field("tenure").help_text
            # The admin prints help texts as HTML; the suggestion names an actor, so escape it.
            kwargs["help_texts"] = {
                "tenure": escape(
                    f"{help_text} Suggested from the date said: {suggestion}. "
                    "Leave it empty and save to use it, or pick another."
                )
            }
        return super().get_form(request, obj, change, **kwargs)

    def save_model(self, request, obj, form, change):
        suggestion = suggested_tenure(obj)
        if suggestion is not None:
            obj.tenure = suggestion
        services.quote_save(quote=obj, by=request.user, reason=change_reason(request))
        if suggestion is not None:
            self.message_user(
                request,
                f"Tenure set to {suggestion} from the date said ({obj.said}); change it if wrong.",
                messages.INFO,
            )

    @admin.action(description="Mark selected quotes verified", permissions=["verify"])
    def mark_verified(self, request, queryset):
        verified = 0
        for quote in queryset.select_related("speaker"):
            try:
                services.quote_mark_verified(quote=quote, by=request.user)
            except (PermissionDenied, ValidationError) as refusal:
                reason = refusal_text(refusal)
                self.message_user(request, f"Not verified: {reason}", messages.ERROR)
                continue
            verified += 1
        if verified:
            noun = "quote" if verified == 1 else "quotes"
            self.message_user(request, f"Marked {verified} {noun} verified.", messages.SUCCESS)

    @property
    def media(self):
        return super().media + ADMIN_MEDIA
