"""`/api/v1/search/` and `/api/v1/search/autocomplete/`: the search page's engine, as JSON."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import NoReverseMatch
from drf_spectacular.utils import (
    OpenApiExample,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse

from briefings.filters import FIRST_YEAR, LAST_YEAR, YearField, parse_whole_number
from briefings.models import Briefing
from briefings.search import engine

from .pagination import PageNumberPagination
from .schema import error_responses

DETAIL_VIEWS = {
    "briefing": "api:briefing-detail",
    "quote": "api:quote-detail",
    "faq": "api:faqentry-detail",
    "actor": "api:actor-detail",
    "topic": "api:topic-detail",
    "place": "api:place-detail",
}
TYPES = list(engine.KINDS)
TYPE_CHOICES = [(key, kind.label) for key, kind in engine.KINDS.items()]


@extend_schema_field({"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR})
class YearParam(serializers.Field):
    """A year, read by the reader pages' `YearField`: the same years and message everywhere."""

    def to_internal_value(self, data):
        try:
            return YearField(required=False).clean(data)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error

    def to_representation(self, value):
        return value


class SearchParams(serializers.Serializer):
    q = serializers.CharField(
        max_length=engine.MAX_QUERY_LENGTH,
        help_text='Web-search syntax on PostgreSQL: `"exact phrase"`, `or`, `-exclude`. '
        "Names match in every spelling stored as an alias, and misspelt names by similarity.",
    )
    type = serializers.CharField(
        required=False,
        help_text=f"Only these types, comma-separated: {', '.join(TYPES)}.",
    )
    topic = serializers.SlugField(required=False, help_text="A topic's slug.")
    place = serializers.SlugField(required=False, help_text="A place's slug.")
    year = YearParam(required=False, help_text="Briefings published and quotes said in this year.")
    speaker = serializers.SlugField(required=False, help_text="Quotes by this actor (slug).")

    def validate_q(self, value):
        value = engine.clean_query(value)
        if not value:
            raise serializers.ValidationError("Type something to search for.")
        return value

    def validate_type(self, value):
        types = tuple(dict.fromkeys(t.strip() for t in value.split(",") if t.strip()))
        unknown = [t for t in types if t not in engine.KINDS]
        if unknown:
            raise serializers.ValidationError(
                f"Unknown type {', '.join(unknown)}; choose from {', '.join(TYPES)}."
            )
        return types

    def filters(self):
        data = self.validated_data
        return engine.Filters(
            types=data.get("type", ()),
            topic=data.get("topic", ""),
            place=data.get("place", ""),
            year=data.get("year"),
            speaker=data.get("speaker", ""),
        )


class SearchHitSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=TYPE_CHOICES, help_text="What the result is.")
    type_label = serializers.CharField(help_text="The type as readers see it.")
    id = serializers.IntegerField()
    title = serializers.CharField(help_text="The title, name, question or quote text.")
    snippet = serializers.CharField(
        help_text="HTML: the passage that matched, with the matching words in `<mark>`; "
        "everything else is escaped."
    )
    rank = serializers.FloatField(help_text="Higher is more relevant; comparable within a query.")
    url = serializers.URLField(help_text="This result in the API.")
    html_url = serializers.URLField(help_text="This result on the reader site.")

    def to_representation(self, hit):
        request = self.context["request"]
        try:
            url = reverse(DETAIL_VIEWS[hit.type], args=[hit.object.pk], request=request)
        except NoReverseMatch:  # pragma: no cover - every type has a detail view
            url = None
        return {
            "type": hit.type,
            "type_label": hit.kind.label,
            "id": hit.object.pk,
            "title": hit.title,
            "snippet": str(hit.snippet),
            "rank": round(hit.rank, 6),
            "url": url,
            "html_url": request.build_absolute_uri(hit.html_url),
        }


class SearchPagination(PageNumberPagination):
    """The lists' pages, plus `hint`: what to change when the query has no word to search for."""

    def get_paginated_response(self, data, hint=""):
        response = super().get_paginated_response(data)
        response.data["hint"] = hint
        return response

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["hint"] = {
            "type": "string",
            "example": "",
            "description": "Empty, unless the query has no word to search for (only `-oil`, "
            "`or` or quotes): then what to add, and the results are empty.",
        }
        schema["required"] = [*schema.get("required", []), "hint"]
        return schema


class SearchView(generics.GenericAPIView):
    """Search briefings, quotes, FAQ entries, actors, topics and places at once, best first.

    On PostgreSQL: full text over stored, weighted vectors, ranked by field weight, coverage and
    recency; `snippet` highlights the matching words. On SQLite (the local demo) a reduced
    search: every word must appear, without phrases, exclusions or typo tolerance. A query with
    no word to look for (only `-oil`, `or` or quotes) answers no results and says why in `hint`.
    """

    permission_classes = [AllowAny]
    serializer_class = SearchHitSerializer
    filter_backends = []
    pagination_class = SearchPagination

    def get_queryset(self):
        # Results come from the engine, not a queryset; the browsable API asks for one anyway.
        return Briefing.objects.none()

    @extend_schema(
        operation_id="search",
        parameters=[SearchParams],
        responses={200: SearchHitSerializer(many=True), **error_responses([400, 404, 429])},
        examples=[
            OpenApiExample(
                "An actor found by an alias",
                response_only=True,
                value={
                    "type": "actor",
                    "type_label": "Actor",
                    "id": 3,
                    "title": "Volodymyr Zelensky",
                    "snippet": "President of <mark>Ukraine</mark> since May 2019.",
                    "rank": 1.21,
                    "url": "https://briefings.example/api/v1/actors/3/",
                    "html_url": "https://briefings.example/actors/volodymyr-zelensky/",
                },
            )
        ],
    )
    def get(self, request, *args, **kwargs):
        params = SearchParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        results = engine.search(params.validated_data["q"], params.filters())
        # Counts and the page's rows come from one query when it is told how far to look.
        paginator = self.paginator
        size = paginator.get_page_size(request) or 20
        number = parse_whole_number(request.query_params.get(paginator.page_query_param, "1"))
        if number and number <= 100:
            results.prefetch(number * size)
        page = self.paginate_queryset(results)
        data = self.get_serializer(page, many=True).data
        return self.paginator.get_paginated_response(data, hint=results.hint)


class AutocompleteParams(serializers.Serializer):
    q = serializers.CharField(
        max_length=100, help_text="What has been typed so far: each word is a prefix."
    )


class AutocompleteView(generics.GenericAPIView):
    """Names and titles starting with what has been typed, for a search box's suggestions:
    actors first, then topics, places, briefings and questions; at most 8."""

    permission_classes = [AllowAny]
    serializer_class = SearchHitSerializer
    filter_backends = []
    pagination_class = None

    @extend_schema(
        operation_id="search_autocomplete",
        parameters=[AutocompleteParams],
        responses={
            200: inline_serializer(
                "AutocompleteResults", {"results": SearchHitSerializer(many=True)}
            ),
            **error_responses([400, 429]),
        },
    )
    def get(self, request, *args, **kwargs):
        params = AutocompleteParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        hits = engine.autocomplete(params.validated_data["q"])
        return Response({"results": self.get_serializer(hits, many=True).data})
