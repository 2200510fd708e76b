"""API filters: the reader pages' filters, plus what analysts and sync clients need.

A filter value the API cannot use (an unknown slug, a date that is not one) answers 400 with the
reason, instead of the reader pages' empty list.
"""

import django_filters
from django.core.validators import RegexValidator, slug_re
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.filters import OrderingFilter

from briefings import search
from briefings.filters import BriefingFilter, QuoteFilter, parse_whole_number, visible_actors
from briefings.models import (
    Actor,
    Briefing,
    Correction,
    FAQEntry,
    Office,
    Place,
    Source,
    Tenure,
    Topic,
)


class APIFilterMixin:
    @property
    def qs(self):
        # Skip StrictFilterSet's empty result: DjangoFilterBackend has answered 400 already.
        return django_filters.FilterSet.qs.fget(self)


def briefing_filter(help_text):
    # Ids and slugs are ASCII: "²" (a digit to `str.isdigit()`) is refused, not looked up.
    return django_filters.CharFilter(
        method="filter_briefing",
        help_text=help_text,
        validators=[
            RegexValidator(slug_re, "Give the briefing's id (digits 0-9) or its slug.", "invalid")
        ],
    )


class BriefingIdOrSlugMixin:
    def briefing_lookup(self, value):
        pk = parse_whole_number(value)
        return Q(pk=pk) if pk is not None else Q(slug=value)


def search_filter(help_text):
    """`q`: the search page's engine (`briefings.search.filter_queryset`)."""
    return django_filters.CharFilter(
        method="search",
        help_text=help_text + " Best match first unless `ordering` is given. On PostgreSQL in "
        'web-search syntax: `"exact phrase"`, `or`, `-exclude`.',
    )


class RankedOrderingFilter(OrderingFilter):
    """`ordering` as asked; without it, a list searched with `q` comes best match first."""

    def get_ordering(self, request, queryset, view):
        if (
            self.ordering_param not in request.query_params
            and request.query_params.get("q")
            and "rank" in queryset.query.annotations
        ):
            return ["-rank", "-pk"]
        return super().get_ordering(request, queryset, view)


class SearchMethodMixin:
    def search(self, queryset, name, value):
        return search.filter_queryset(queryset, value)


class BriefingAPIFilter(APIFilterMixin, SearchMethodMixin, BriefingFilter):
    status = django_filters.ChoiceFilter(
        choices=Briefing.Status.choices,
        help_text="Staff only: everyone else sees published briefings.",
    )
    published_after = django_filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = django_filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="lt")
    updated_since = django_filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")
    q = search_filter("Words in the title, standfirst or body.")

    class Meta(BriefingFilter.Meta):
        fields = [*BriefingFilter.Meta.fields, "status"]


class QuoteAPIFilter(APIFilterMixin, SearchMethodMixin, BriefingIdOrSlugMixin, QuoteFilter):
    briefing = briefing_filter("Quotes used in the briefing with this id or slug.")
    said_after = django_filters.DateFilter(
        field_name="said_on", lookup_expr="gte", help_text="Said on or after this date."
    )
    said_before = django_filters.DateFilter(
        field_name="said_on", lookup_expr="lt", help_text="Said before this date."
    )
    q = search_filter("Words in the text, the speaker's name or the occasion.")

    class Meta(QuoteFilter.Meta):
        fields = [*QuoteFilter.Meta.fields, "briefing", "said_after", "said_before"]

    def filter_briefing(self, queryset, name, value):
        return queryset.used_in(Briefing.objects.filter(self.briefing_lookup(value)))

    @extend_schema_field(OpenApiTypes.STR)  # a topic's slug
    def filter_topic(self, queryset, name, value):
        return super().filter_topic(queryset, name, value)


class ActorAPIFilter(APIFilterMixin, SearchMethodMixin, django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Actor.Kind.choices)
    country = django_filters.CharFilter(
        method="filter_country", help_text="The country's slug (`ukraine`) or ISO code (`UA`)."
    )
    office = django_filters.ModelChoiceFilter(
        queryset=Office.objects.all(),
        method="filter_office",
        help_text="Actors who held the office with this id.",
    )
    q = search_filter("Words in the name, an alias or the short description.")

    class Meta:
        model = Actor
        fields = ["kind", "country", "office"]

    def filter_country(self, queryset, name, value):
        return queryset.filter(Q(country__slug=value) | Q(country__iso_code=value.upper()))

    @extend_schema_field(OpenApiTypes.INT)
    def filter_office(self, queryset, name, office):
        return queryset.filter(pk__in=Tenure.objects.filter(office=office).values("actor"))


class FAQEntryAPIFilter(
    APIFilterMixin, SearchMethodMixin, BriefingIdOrSlugMixin, django_filters.FilterSet
):
    briefing = briefing_filter("Entries on the briefing with this id or slug.")
    topic = django_filters.ModelChoiceFilter(
        field_name="topics", to_field_name="slug", queryset=Topic.objects.all()
    )
    q = search_filter("Words in the question or the answer.")

    class Meta:
        model = FAQEntry
        fields = ["briefing", "topic"]

    def filter_briefing(self, queryset, name, value):
        return queryset.filter(briefing__in=Briefing.objects.filter(self.briefing_lookup(value)))


def name_filter(field_name):
    return django_filters.CharFilter(
        field_name=field_name, lookup_expr="icontains", help_text=f"Words in the {field_name}."
    )


class TopicAPIFilter(APIFilterMixin, SearchMethodMixin, django_filters.FilterSet):
    q = search_filter("Words in the name or the description.")

    class Meta:
        model = Topic
        fields = ["parent"]


class PlaceAPIFilter(APIFilterMixin, SearchMethodMixin, django_filters.FilterSet):
    q = search_filter("Words in the name.")

    class Meta:
        model = Place
        fields = ["kind", "iso_code"]


class OfficeAPIFilter(APIFilterMixin, django_filters.FilterSet):
    q = name_filter("title")
    organisation = django_filters.ModelChoiceFilter(
        queryset=visible_actors, help_text="The id of the organisation the office belongs to."
    )

    class Meta:
        model = Office
        fields = ["organisation"]


class SourceAPIFilter(APIFilterMixin, django_filters.FilterSet):
    q = name_filter("title")

    class Meta:
        model = Source
        fields = ["kind", "publisher"]


class CorrectionAPIFilter(APIFilterMixin, BriefingIdOrSlugMixin, django_filters.FilterSet):
    briefing = briefing_filter("Corrections to the briefing with this id or slug.")
    q = name_filter("text")

    class Meta:
        model = Correction
        fields = ["briefing", "kind"]

    def filter_briefing(self, queryset, name, value):
        return queryset.filter(briefing__in=Briefing.objects.filter(self.briefing_lookup(value)))
