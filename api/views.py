"""API views: viewsets over the domain's querysets, services and permission functions."""

from django.db import transaction
from django.db.models import Prefetch, ProtectedError, RestrictedError
from django.utils.http import parse_etags
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from drf_spectacular.views import SpectacularSwaggerView
from rest_framework import status, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse

from briefings import policies, services
from briefings.models import (
    Actor,
    Briefing,
    BriefingActor,
    Correction,
    FAQEntry,
    Office,
    Place,
    Quote,
    Source,
    Tenure,
    Topic,
)

from . import filters
from .conditional import ConditionalMixin, etag_for
from .errors import PreconditionFailed, delete_blocked
from .pagination import CursorPagination, SyncCursorPagination
from .schema import ApiAutoSchema, error_responses
from .serializers import (
    ActorConnectionsSerializer,
    ActorSerializer,
    BriefingChangeSerializer,
    BriefingSerializer,
    ConnectionsParams,
    CorrectionSerializer,
    FAQEntrySerializer,
    OfficeSerializer,
    PlaceSerializer,
    QuoteSerializer,
    SourceSerializer,
    TopicSerializer,
    domain_refusals,
    full_clean,
)


class SwaggerView(SpectacularSwaggerView):
    """Swagger UI from local files, under the site's Content-Security-Policy: nothing from
    another host, and its inline script and style carry the response's nonce."""

    template_name = "api/swagger.html"

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response._csp_update = {"img-src": ["blob:"]}  # images the bundle draws itself
        return response


@extend_schema(exclude=True)
@api_view(["GET"])
@permission_classes([AllowAny])
def api_root(request, format=None):
    """The entry point of the API: its versions, resources and documentation."""
    return Response(
        {
            "name": "Briefings API",
            "versions": {"v1": reverse("api:v1-root", request=request)},
            "schema": reverse("api:schema", request=request),
            "docs": reverse("api:docs", request=request),
        }
    )


class ContentViewSet(ConditionalMixin, viewsets.ModelViewSet):
    """What every resource shares: `?expand=`, validators, the error schema, atomic writes."""

    schema = ApiAutoSchema()

    def visible(self):
        """What the user may see of this viewset's model: `policies`, the one rule."""
        return policies.visible(self.request.user, self.queryset.model)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        request = getattr(self, "request", None)
        names = request.query_params.get("expand", "") if request is not None else ""
        context["expand"] = frozenset(filter(None, (name.strip() for name in names.split(","))))
        return context

    def perform_create(self, serializer):
        with transaction.atomic():
            super().perform_create(serializer)

    def perform_update(self, serializer):
        with transaction.atomic():
            super().perform_update(serializer)

    def perform_destroy(self, instance):
        try:
            with transaction.atomic(), domain_refusals(self.get_serializer()):
                services.content_delete(obj=instance, by=self.request.user)
        except (ProtectedError, RestrictedError) as blocked:
            raise delete_blocked(instance, blocked) from blocked


@extend_schema_view(
    create=extend_schema(
        examples=[
            OpenApiExample(
                "A new draft",
                value={
                    "title": "Black Sea grain corridor: what a ceasefire would change",
                    "slug": "black-sea-grain-corridor",
                    "standfirst": "Shipping from Odesa has recovered; insurance has not.",
                    "body": "## Where shipping stands\n\nExports have recovered since 2023.",
                    "type": "explainer",
                    "topic_ids": [1],
                },
                request_only=True,
            )
        ]
    ),
    partial_update=extend_schema(
        examples=[
            OpenApiExample(
                "Change the standfirst (send If-Match with the ETag you read)",
                value={"standfirst": "Shipping from Odesa has recovered; insurers are still wary."},
                request_only=True,
            )
        ]
    ),
)
class BriefingViewSet(ContentViewSet):
    """Briefings. Anonymous clients see published briefings; a draft is a 404, never a 403."""

    queryset = Briefing.objects.all()
    serializer_class = BriefingSerializer
    filterset_class = filters.BriefingAPIFilter
    ordering_fields = ["published_at", "updated_at", "title"]
    ordering = ["-published_at", "-pk"]

    def get_queryset(self):
        return (
            self.visible()
            .prefetch_related(
                "topics",
                "places",
                "sources",
                "authors",
                "corrections",
                "faq_entries",
                "related",
                Prefetch(
                    "actor_links",
                    queryset=BriefingActor.objects.filter(excluded=False).select_related("actor"),
                ),
                Prefetch("quote_links__quote", queryset=Quote.objects.all()),
            )
            .order_by(*self.ordering)
        )

    def perform_create(self, serializer):
        briefing = Briefing(
            **{k: v for k, v in serializer.validated_data.items() if not isinstance(v, list)}
        )
        full_clean(briefing, serializer)
        with transaction.atomic(), domain_refusals(serializer):
            services.briefing_save(briefing=briefing, by=self.request.user)
            self._set_relations(briefing, serializer.validated_data)
        serializer.instance = briefing

    def perform_update(self, serializer):
        self.check_if_match(serializer.instance)
        briefing = serializer.instance
        expected = briefing.version
        for name, value in serializer.validated_data.items():
            if not isinstance(value, list):
                setattr(briefing, name, value)
        full_clean(briefing, serializer)
        try:
            with transaction.atomic(), domain_refusals(serializer):
                services.briefing_save(
                    briefing=briefing, by=self.request.user, expected_version=expected
                )
                self._set_relations(briefing, serializer.validated_data)
        except services.StaleEditError as stale:
            raise PreconditionFailed(str(stale)) from stale

    def perform_destroy(self, instance):
        self.check_if_match(instance)
        super().perform_destroy(instance)

    @extend_schema(
        summary="Briefings changed since a time, oldest change first",
        # Its own component name: the cursor page has no `count`, unlike PaginatedBriefingList.
        # extend_schema replaces the computed responses, so the errors are stated here too.
        responses={200: BriefingChangeSerializer(many=True), **error_responses([400, 401, 429])},
        description=(
            "For keeping a copy in sync: filter with `updated_since` (and any other briefing "
            "filter), walk the `next` links, and keep the last one to resume from later. "
            "Cursor pagination, so deep pages cost what the first one does."
        ),
    )
    @action(
        detail=False,
        methods=["get"],
        pagination_class=SyncCursorPagination,
        serializer_class=BriefingChangeSerializer,
        # No `ordering` parameter: the cursor's own order (oldest change first) is the point.
        filter_backends=[DjangoFilterBackend],
    )
    def sync(self, request, format=None):
        briefings = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(briefings)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @staticmethod
    def _set_relations(briefing, data):
        for name in ("topics", "places", "sources", "related"):
            if name in data:
                getattr(briefing, name).set(data[name])


class ActorViewSet(ContentViewSet):
    """Actors — people, states, organisations — with their aliases and the offices they held."""

    queryset = Actor.objects.all()
    serializer_class = ActorSerializer
    filterset_class = filters.ActorAPIFilter
    ordering_fields = ["name", "updated_at", "id"]
    ordering = ["name", "pk"]

    def get_queryset(self):
        actors = self.visible()
        if self.action == "connections":
            return actors  # only the actor's summary: no aliases or tenures
        return actors.select_related("country").prefetch_related(
            "aliases",
            Prefetch("tenures", queryset=Tenure.objects.select_related("office__organisation")),
        )

    @extend_schema(
        summary="The actors that appear with this one in most published briefings",
        description=(
            "Other actors named in the same published briefings as this one, strongest first, "
            "with how many briefings each shares with it (ties by name). Drafts and scheduled "
            "briefings never count, whoever asks, nor do mentions an editor excluded because "
            "the text names someone else. The ETag changes with the list; send it back in "
            "`If-None-Match` for a 304."
        ),
        parameters=[ConnectionsParams],
        responses={
            200: ActorConnectionsSerializer,
            304: OpenApiResponse(description="Not modified: the `If-None-Match` ETag is current."),
            **error_responses([400, 401, 404, 429]),
        },
    )
    @action(
        detail=True,
        methods=["get"],
        serializer_class=ActorConnectionsSerializer,
        filter_backends=[],
        pagination_class=None,
    )
    def connections(self, request, pk=None, format=None):
        params = ConnectionsParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        actor = self.get_object()
        connected = Actor.objects.connected_to(actor)[: params.validated_data["limit"]]
        data = self.get_serializer({"actor": actor, "results": connected}).data
        etag = etag_for(data)
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        return Response(data, headers={"ETag": etag})


class OfficeViewSet(ContentViewSet):
    """Offices (e.g. NATO Secretary General) and who held them."""

    queryset = Office.objects.all()
    serializer_class = OfficeSerializer
    filterset_class = filters.OfficeAPIFilter
    ordering_fields = ["title", "updated_at", "id"]
    ordering = ["title", "pk"]

    def get_queryset(self):
        return (
            self.visible()
            .select_related("organisation")
            .prefetch_related(Prefetch("tenures", queryset=Tenure.objects.select_related("actor")))
        )


EXPAND_QUOTE = OpenApiParameter(
    "expand",
    OpenApiTypes.STR,
    description="Comma-separated: `speaker`, `source`. Embeds the full actor or source instead "
    "of its summary.",
)


@extend_schema_view(
    list=extend_schema(parameters=[EXPAND_QUOTE]),
    retrieve=extend_schema(parameters=[EXPAND_QUOTE]),
)
class QuoteViewSet(ContentViewSet):
    """Quotes, attributed to a speaker and the office held, with a source and a verification status.

    Anonymous clients see the quotes that public briefings use; contributors also those of their
    own drafts; editors all. Paged by a cursor, newest first:
    follow `next` to go deeper.
    """

    queryset = Quote.objects.all()
    serializer_class = QuoteSerializer
    filterset_class = filters.QuoteAPIFilter
    pagination_class = CursorPagination
    ordering_fields = ["id", "updated_at"]
    ordering = ["-pk"]

    def get_queryset(self):
        quotes = (
            self.visible()
            .with_attribution()
            .select_related("tenure__office__organisation")
            .prefetch_related(
                Prefetch(
                    "briefings", queryset=policies.public(Briefing), to_attr="public_briefings"
                ),
            )
        )
        if "speaker" in self.get_serializer_context()["expand"]:
            quotes = quotes.select_related("speaker__country").prefetch_related(
                "speaker__aliases", "speaker__tenures__office__organisation"
            )
        return quotes


class FAQEntryViewSet(ContentViewSet):
    """FAQ entries: general ones, and those on public briefings."""

    queryset = FAQEntry.objects.all()
    serializer_class = FAQEntrySerializer
    filterset_class = filters.FAQEntryAPIFilter
    ordering_fields = ["order", "updated_at", "id"]
    ordering = ["briefing_id", "order", "pk"]

    def get_queryset(self):
        return self.visible().select_related("briefing").prefetch_related("topics")


class TopicViewSet(ContentViewSet):
    queryset = Topic.objects.select_related("parent")
    serializer_class = TopicSerializer
    filterset_class = filters.TopicAPIFilter
    ordering_fields = ["name", "updated_at", "id"]
    ordering = ["name", "pk"]


class PlaceViewSet(ContentViewSet):
    queryset = Place.objects.prefetch_related("parents")
    serializer_class = PlaceSerializer
    filterset_class = filters.PlaceAPIFilter
    ordering_fields = ["name", "updated_at", "id"]
    ordering = ["name", "pk"]


class SourceViewSet(ContentViewSet):
    """Sources: the documents quotes and briefings cite."""

    queryset = Source.objects.all()
    serializer_class = SourceSerializer
    filterset_class = filters.SourceAPIFilter
    ordering_fields = ["published_on", "title", "updated_at", "id"]
    ordering = ["-published_on", "title", "pk"]

    def get_queryset(self):
        return self.visible()


class CorrectionViewSet(ContentViewSet):
    """Corrections and updates to briefings; those on drafts are not public."""

    queryset = Correction.objects.all()
    serializer_class = CorrectionSerializer
    filterset_class = filters.CorrectionAPIFilter
    ordering_fields = ["published_at", "id"]
    ordering = ["-published_at", "-pk"]

    def get_queryset(self):
        return self.visible().select_related("briefing")
