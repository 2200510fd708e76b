"""Which briefings a user sees, and the briefing list's own filters (also the index's links)."""

import datetime

from django.contrib import admin
from django.utils import timezone

from briefings import policies
from briefings.models import Briefing

STALE_AFTER_DAYS = 90


def briefings_visible_to(user, queryset=None):
    """`queryset` (all briefings by default), narrowed to what `policies` lets `user` see."""
    queryset = Briefing.objects.all() if queryset is None else queryset
    if policies.is_editor(user):
        return queryset
    return queryset.filter(pk__in=policies.visible(user, Briefing).values("pk"))


def not_updated_for(days):
    """Public briefings nobody has touched for `days` days: due for a review."""
    return Briefing.objects.published().filter(
        updated_at__lt=timezone.now() - datetime.timedelta(days=days)
    )


class PublicationFilter(admin.SimpleListFilter):
    title = "on the site"
    parameter_name = "public"

    def lookups(self, request, model_admin):
        return [("yes", "Public"), ("scheduled", "Scheduled"), ("no", "Not public")]

    def queryset(self, request, queryset):
        public = Briefing.objects.published().values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=public)
        if self.value() == "scheduled":
            return queryset.filter(pk__in=Briefing.objects.scheduled().values("pk"))
        if self.value() == "no":
            return queryset.exclude(pk__in=public)
        return queryset


class LastUpdatedFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "updated"

    def lookups(self, request, model_admin):
        return [("over-90-days", f"Public, not updated for {STALE_AFTER_DAYS} days")]

    def queryset(self, request, queryset):
        if self.value() == "over-90-days":
            return queryset.filter(pk__in=not_updated_for(STALE_AFTER_DAYS).values("pk"))
        return queryset


class OwnerFilter(admin.SimpleListFilter):
    title = "whose"
    parameter_name = "owner"

    def lookups(self, request, model_admin):
        return [("me", "Mine")]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(pk__in=policies.own_briefings(request.user).values("pk"))
        return queryset
