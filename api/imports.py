"""`POST /api/v1/import/`: a Markdown or plain-text briefing in, a structured draft out."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.reverse import reverse

from briefings import policies
from briefings.importer.service import MAX_QUOTES, ImportFailed, import_briefing, read_upload

from .parsers import JSONParser
from .schema import error_responses


class CanImport(BasePermission):
    message = "Only editors may import briefings."

    def has_permission(self, request, view):
        return policies.can_import(request.user)


class ReuseQuoteSerializer(serializers.Serializer):
    line = serializers.IntegerField(
        min_value=1, max_value=10**9, help_text="The quotation's `line`, from the dry run."
    )
    quote = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, help_text="The id of one of its `similar` quotes."
    )


class ImportRequestSerializer(serializers.Serializer):
    text = serializers.CharField(
        required=False,
        trim_whitespace=False,
        help_text="The briefing: Markdown, optionally with YAML front matter (title, type, "
        "topics, places, authors, published_at), or plain text. Give `text` or `file`.",
    )
    file = serializers.FileField(
        required=False, help_text="The same as a UTF-8 .md or .txt upload (multipart)."
    )
    publish = serializers.BooleanField(
        default=False, help_text="Publish at once instead of creating a draft."
    )
    dry_run = serializers.BooleanField(
        default=False,
        help_text="Show what the import would create, and create nothing (answers 200).",
    )
    create_actors = serializers.ListField(
        child=serializers.CharField(max_length=200),
        max_length=50,
        default=list,
        help_text="Names from a dry run's `candidates` to create as actors (awaiting review); "
        "none is created otherwise.",
    )
    reuse_quotes = serializers.ListField(
        child=ReuseQuoteSerializer(),
        max_length=MAX_QUOTES,
        default=list,
        help_text="For a quotation a dry run found `similar` stored quotes for: the stored quote "
        "to use instead of storing the quotation again.",
    )

    def validate(self, data):
        upload, text = data.pop("file", None), data.get("text")
        if (upload is None) == (text is None):
            raise ValidationError({"text": ["Give the briefing as `text` or as `file`, not both."]})
        if upload is not None:
            try:
                data["text"] = read_upload(upload)
            except ImportFailed as error:
                raise ValidationError({"file": [str(error)]}) from error
        return data


class ImportedSpeakerSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True, help_text="Null in a dry run.")
    name = serializers.CharField()
    slug = serializers.CharField()
    new = serializers.BooleanField(
        help_text="Created by this import from the name as written, and marked for review."
    )


class SimilarQuoteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    said_on = serializers.DateField(allow_null=True)


class CandidateSerializer(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=["person", "organisation"])
    mentions = serializers.IntegerField(help_text="How often the text names it.")
    context = serializers.CharField(help_text="Where the text first names it.")
    created = serializers.BooleanField(help_text="Created as an actor, as `create_actors` asked.")


class ImportedQuoteSerializer(serializers.Serializer):
    text = serializers.CharField()
    speaker = ImportedSpeakerSerializer()
    attribution = serializers.CharField(
        help_text="The speaker's role as written, e.g. “NATO chief”."
    )
    office = serializers.CharField(
        allow_null=True, help_text="The office the speaker held on the briefing's date, if known."
    )
    existing = serializers.BooleanField(help_text="The quote was stored already and is reused.")
    line = serializers.IntegerField(help_text="The line of the input the quotation was read on.")
    similar = SimilarQuoteSerializer(
        many=True,
        help_text="Stored quotes by the same speaker worded almost the same: give one in "
        "`reuse_quotes` to use it instead.",
    )


class ImportedBriefingSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True, help_text="Null in a dry run.")
    slug = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    type = serializers.CharField()
    standfirst = serializers.CharField()
    body = serializers.CharField(help_text="Markdown; each section starts with a ## heading.")
    sections = serializers.ListField(child=serializers.CharField())
    published_at = serializers.DateTimeField(allow_null=True)
    url = serializers.URLField(allow_null=True, help_text="The new briefing in the API.")
    admin_url = serializers.URLField(allow_null=True, help_text="Where to edit it.")


class ImportedFAQSerializer(serializers.Serializer):
    question = serializers.CharField()
    answer = serializers.CharField()


class ImportReportSerializer(serializers.Serializer):
    committed = serializers.BooleanField(help_text="False for a dry run: nothing was written.")
    summary = serializers.CharField(help_text="What was imported, in one sentence.")
    briefing = ImportedBriefingSerializer()
    quotes = ImportedQuoteSerializer(many=True)
    faq = ImportedFAQSerializer(many=True)
    topics = serializers.ListField(child=serializers.CharField())
    places = serializers.ListField(child=serializers.CharField())
    actors_named = serializers.ListField(
        child=serializers.CharField(), help_text="Known actors the text names; linked to it."
    )
    new_actors = serializers.ListField(
        child=serializers.CharField(), help_text="Speakers created for review."
    )
    candidates = CandidateSerializer(
        many=True,
        help_text="People and organisations the text names that no actor is called.",
    )
    unclassified = serializers.ListField(
        child=serializers.CharField(),
        help_text="Passages kept in the body that the importer could not classify.",
    )
    warnings = serializers.ListField(child=serializers.CharField())


class ImportView(generics.GenericAPIView):
    """Import a briefing written as Markdown or plain text: title, standfirst, sections,
    quotes with their speakers (matched to actors by name and alias; unknown speakers become
    new actors marked for review), an FAQ section, topics and places.

    One import is one transaction: an input that cannot be imported answers 400 with the
    problem under `errors` and creates nothing. Editors only."""

    permission_classes = [CanImport]
    serializer_class = ImportRequestSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    filter_backends = []
    pagination_class = None

    @extend_schema(
        operation_id="import_briefing",
        request={
            "application/json": ImportRequestSerializer,
            "multipart/form-data": ImportRequestSerializer,
        },
        responses={
            201: OpenApiResponse(ImportReportSerializer, description="Imported."),
            200: OpenApiResponse(ImportReportSerializer, description="Dry run: nothing written."),
            **error_responses([400, 401, 403, 415, 429]),
        },
        examples=[
            OpenApiExample(
                "Plain text",
                request_only=True,
                value={
                    "text": "Ports under pressure\n\nShipping through the strait has halved.\n\n"
                    "“We will keep the lanes open,” said Admiral Jane Roe.",
                    "dry_run": True,
                },
            )
        ],
    )
    def post(self, request, *args, **kwargs):
        params = self.get_serializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        try:
            report = import_briefing(
                data["text"],
                by=request.user,
                publish=data["publish"],
                commit=not data["dry_run"],
                create_actors=data["create_actors"],
                reuse_quotes={row["line"]: row["quote"] for row in data["reuse_quotes"]},
            )
        except ImportFailed as error:
            raise ValidationError(error.errors) from error
        except PermissionDenied as refusal:
            raise ValidationError({"publish": [str(refusal)]}) from refusal
        body = report.as_dict()
        pk = body["briefing"]["id"]
        body["briefing"]["url"] = (
            reverse("api:briefing-detail", args=[pk], request=request) if pk else None
        )
        body["briefing"]["admin_url"] = (
            request.build_absolute_uri(reverse("admin:briefings_briefing_change", args=[pk]))
            if pk
            else None
        )
        answer = status.HTTP_201_CREATED if report.committed else status.HTTP_200_OK
        return Response(ImportReportSerializer(body).data, status=answer)
