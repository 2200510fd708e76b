"""Reader-page filters (django-filter), the rules for the values they read, and facet counts.

The API's filtersets and the search page extend these, so a value is refused for the same reason
everywhere: the reader pages show their empty state and name it, the API answers 400 with it.
"""

import django_filters
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear

from . import content_cache, policies
from .models import Actor, Briefing, BriefingQuote, Place, Quote, Topic


def visible_actors(request):
    """The actors a filter may offer: those `policies` lets the user see.

    A callable, so that "public" is worked out per request (it depends on the time), and so
    that the browsable API's filter form never lists an actor that only a draft names.
    """
    user = getattr(request, "user", None) or AnonymousUser()
    return policies.visible(user, Actor)


# Years a date in either database can hold (year 0 or 10000 is an error there, not no results).
FIRST_YEAR, LAST_YEAR = 1, 9999
# More digits than a 64-bit id has: a longer run of digits is nothing we store.
MAX_DIGITS = 18


def parse_whole_number(value):
    """The whole number `value` spells in ASCII digits ("42" is 42), or None.

    `str.isdigit()` alone would let "²" through to `int()`, which refuses it, and "٣", which
    `int()` reads as 3: a number in a query string or a form is 0-9 or nothing.
    """
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= MAX_DIGITS:
        return int(value)
    return None


class YearField(forms.IntegerField):
    """A year from FIRST_YEAR to LAST_YEAR in ASCII digits; anything else, one message."""

    message = f"Enter a year from {FIRST_YEAR} to {LAST_YEAR}."
    default_error_messages = {"invalid": message, "min_value": message, "max_value": message}

    def __init__(self, **kwargs):
        super().__init__(min_value=FIRST_YEAR, max_value=LAST_YEAR, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        year = parse_whole_number(str(value).strip())
        if year is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return year


def parse_year(value):
    """`value` as a year `YearField` accepts, or None (for filters that ignore a bad value)."""
    try:
        return YearField(required=False).clean(value)
    except ValidationError:
        return None


class YearFilter(django_filters.NumberFilter):
    field_class = YearField


def year_filter(field_name):
    return YearFilter(field_name=field_name, lookup_expr="year")


class StrictFilterSet(django_filters.FilterSet):
    """A filter value that matches nothing (an unknown slug, a year that is not a number) gives
    no results, not the unfiltered list: readers then see the empty state and what to change."""

    @property
    def qs(self):
        if self.is_bound and not self.is_valid():
            return self.queryset.none()
        return super().qs


class BriefingFilter(StrictFilterSet):
    topic = django_filters.ModelChoiceFilter(
        field_name="topics", to_field_name="slug", queryset=Topic.objects.all()
    )
    place = django_filters.ModelChoiceFilter(
        field_name="places", to_field_name="slug", queryset=Place.objects.all()
    )
    actor = django_filters.ModelChoiceFilter(
        field_name="actors",
        to_field_name="slug",
        queryset=visible_actors,
        method="filter_actor",
    )
    type = django_filters.ChoiceFilter(field_name="kind", choices=Briefing.Kind.choices)
    year = year_filter("published_at")

    class Meta:
        model = Briefing
        fields = ["topic", "place", "actor", "type", "year"]

    def filter_actor(self, queryset, name, actor):
        return queryset.involving(actor)


class QuoteFilter(StrictFilterSet):
    speaker = django_filters.ModelChoiceFilter(
        field_name="speaker", to_field_name="slug", queryset=visible_actors
    )
    topic = django_filters.ModelChoiceFilter(
        to_field_name="slug", queryset=Topic.objects.all(), method="filter_topic"
    )
    verification = django_filters.ChoiceFilter(choices=Quote.Verification.choices)
    year = year_filter("said_on")

    class Meta:
        model = Quote
        fields = ["speaker", "topic", "verification", "year"]

    def filter_topic(self, queryset, name, topic):
        # Only public briefings give a quote its topics: a draft's topics are not public yet.
        return queryset.used_in(Briefing.objects.published().filter(topics=topic))


def applied_filters(filterset):
    """{filter name: values} of the filters a request set; the page number is not one."""
    return {key: filterset.data.getlist(key) for key in filterset.filters if key in filterset.data}


def cached_facets(name, filterset, facets):
    """`facets(filterset.qs)` evaluated, from the content cache for the same filters."""

    def compute():
        return {facet: list(rows) for facet, rows in facets(filterset.qs).items()}

    return content_cache.remember(name, applied_filters(filterset), compute)


class CachedCountMixin:
    """For a filtered ListView: the total behind its pagination, from the content cache."""

    count_cache_name = None

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        paginator.count = content_cache.remember(
            self.count_cache_name, applied_filters(self.filter), queryset.count
        )
        return paginator


def _with_labels(rows, field, choices):
    labels = dict(choices)
    return [{**row, "label": labels.get(row[field], row[field])} for row in rows]


def briefing_facets(briefings, *, actors=20):
    """How many of `briefings` fall under each topic, place, actor, type and year."""
    ids = briefings.values("pk")
    matching = Briefing.objects.filter(pk__in=ids)
    return {
        "topic": Topic.objects.annotate(count=Count("briefings", filter=Q(briefings__in=ids)))
        .filter(count__gt=0)
        .order_by("-count", "name"),
        "place": Place.objects.annotate(count=Count("briefings", filter=Q(briefings__in=ids)))
        .filter(count__gt=0)
        .order_by("-count", "name"),
        "actor": Actor.objects.annotate(
            count=Count(
                "briefing_links",
                filter=Q(briefing_links__briefing__in=ids, briefing_links__excluded=False),
            )
        )
        .filter(count__gt=0)
        .order_by("-count", "name")[:actors],
        "type": _with_labels(
            matching.values("kind").annotate(count=Count("pk")).order_by("kind"),
            "kind",
            Briefing.Kind.choices,
        ),
        "year": matching.annotate(year=ExtractYear("published_at"))
        .values("year")
        .annotate(count=Count("pk"))
        .order_by("-year"),
    }


def quote_facets(quotes, *, speakers=20):
    """How many of `quotes` fall under each speaker, topic, verification status and year."""
    ids = quotes.values("pk")
    matching = Quote.objects.filter(pk__in=ids)
    public_uses = BriefingQuote.objects.filter(
        quote__in=ids, briefing__in=Briefing.objects.published()
    )
    return {
        "speaker": Actor.objects.annotate(count=Count("quotes", filter=Q(quotes__in=ids)))
        .filter(count__gt=0)
        .order_by("-count", "name")[:speakers],
        "topic": Topic.objects.annotate(
            count=Count(
                "briefings__quote_links__quote",
                filter=Q(briefings__quote_links__in=public_uses),
                distinct=True,
            )
        )
        .filter(count__gt=0)
        .order_by("-count", "name"),
        "verification": _with_labels(
            matching.values("verification").annotate(count=Count("pk")).order_by("verification"),
            "verification",
            Quote.Verification.choices,
        ),
        "year": matching.filter(said_on__isnull=False)
        .annotate(year=ExtractYear("said_on"))
        .values("year")
        .annotate(count=Count("pk"))
        .order_by("-year"),
    }
