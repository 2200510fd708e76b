"""Which briefings a user sees, and the briefing list's own filters (also the index's links)."""

import datetime

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone

from briefings import permissions
from briefings.models import Briefing

STALE_AFTER_DAYS = 90


def owned_by(user):
    """Briefings `user` started or is an author of: `permissions.owns` as a query."""
    return Q(created_by=user) | Q(pk__in=Briefing.objects.filter(authors=user).values("pk"))


def briefings_visible_to(user, queryset=None):
    """Editors see every briefing; contributors the ones they own."""
    queryset = Briefing.objects.all() if queryset is None else queryset
    return queryset if permissions.is_editor(user) else queryset.filter(owned_by(user))


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
            return queryset.filter(owned_by(request.user))
        return queryset
