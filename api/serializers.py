"""Serializers: explicit fields, compact summaries for related objects, unknown fields refused."""

from contextlib import contextmanager

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ManyToManyField
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema_field, extend_schema_serializer
from rest_framework import exceptions, serializers

from briefings import policies, services
from briefings.dates import DatePrecision
from briefings.models import (
    Actor,
    ActorAlias,
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


@extend_schema_field(OpenApiTypes.URI)
class HtmlUrlField(serializers.Field):
    """The object's reader page, as an absolute URL."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        request = self.context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class StrictSerializerMixin:
    """Refuses fields it does not know, instead of ignoring a typo silently."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            known = {name for name, field in self.fields.items() if not field.read_only}
            unknown = sorted(set(data) - known)
            if unknown:
                raise serializers.ValidationError(
                    {
                        name: ["Unknown field; see the schema for the fields you may send."]
                        for name in unknown
                    }
                )
        return super().to_internal_value(data)


def full_clean(instance, serializer):
    """The model's own validation, with errors named like the serializer's fields."""
    # Like a ModelForm: fields nobody can edit (derived or set by the system) are not checked.
    exclude = [field.name for field in instance._meta.fields if not field.editable]
    with domain_refusals(serializer):
        instance.full_clean(exclude=exclude)


@contextmanager
def domain_refusals(serializer):
    """The domain's refusals as the API's: a ValidationError is a 400 with errors named like the
    serializer's fields (`source_id`, not `source`), a PermissionDenied a 403 with its reason."""
    try:
        yield
    except DjangoPermissionDenied as refusal:
        raise exceptions.PermissionDenied(str(refusal) or None) from refusal
    except DjangoValidationError as error:
        if not hasattr(error, "error_dict"):
            raise serializers.ValidationError({"non_field_errors": error.messages}) from error
        by_source = {
            field.source: name for name, field in serializer.fields.items() if not field.read_only
        }
        raise serializers.ValidationError(
            {
                by_source.get(name, "non_field_errors" if name == "__all__" else name): messages
                for name, messages in error.message_dict.items()
            }
        ) from error


class FullCleanMixin:
    """Saves through the model's own validation (`full_clean()`), as the admin's forms do.

    The domain's rules then answer with field-level 400s named like the API's fields
    (`source_id`, not `source`); uniqueness is the model's check too, so DRF's own
    unique-together validators are switched off (`validators = []`). The caller wraps the save
    in a transaction.
    """

    def create(self, validated_data):
        many, plain = self._split(validated_data)
        instance = self.Meta.model(**plain)
        self.clean_and_save(instance)
        for name, value in many.items():
            getattr(instance, name).set(value)
        return instance

    def update(self, instance, validated_data):
        many, plain = self._split(validated_data)
        for name, value in plain.items():
            setattr(instance, name, value)
        self.clean_and_save(instance)
        for name, value in many.items():
            getattr(instance, name).set(value)
        return instance

    def clean_and_save(self, instance):
        full_clean(instance, self)
        with domain_refusals(self):
            services.content_save(obj=instance, by=self.context["request"].user)

    def _split(self, validated_data):
        many = {
            name: value
            for name, value in validated_data.items()
            if isinstance(self.Meta.model._meta.get_field(name), ManyToManyField)
        }
        return many, {name: value for name, value in validated_data.items() if name not in many}


class ExpandableField(serializers.Field):
    """A related object as its summary, or in full when the client names it in `?expand=`."""

    def __init__(self, summary, full, **kwargs):
        self.summary, self.full = summary, full
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        serializer = (
            self.full if self.field_name in self.context.get("expand", ()) else self.summary
        )
        return serializer(value, context=self.context).data


class ExpandableFieldExtension(OpenApiSerializerFieldExtension):
    """`anyOf` (not `oneOf`): a full object is also a valid summary, and both must validate."""

    target_class = ExpandableField

    def map_serializer_field(self, auto_schema, direction):
        refs = [
            auto_schema.resolve_serializer(serializer, "response").ref
            for serializer in (self.target.summary, self.target.full)
        ]
        schema = {
            "anyOf": refs,
            "description": f"The summary; the full object with `?expand={self.target.field_name}`.",
        }
        if self.target.allow_null:
            schema["nullable"] = True
        return schema


@extend_schema_field(
    {
        "type": "string",
        "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
        "nullable": True,
        "example": "2025-02",
    }
)
class PartialDateField(serializers.Field):
    """A partial date in ISO 8601 truncated to what is known: 2025-02-24, 2025-02 or 2025."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, partial):
        return partial.isoformat()


class DatePrecisionField(serializers.ChoiceField):
    """How much of a partial date is known; empty exactly when the date is."""

    def __init__(self, **kwargs):
        super().__init__(choices=DatePrecision.choices, allow_blank=True, required=False, **kwargs)


class DatePrecisionFieldExtension(OpenApiSerializerFieldExtension):
    """One `DatePrecision` component for every partial date, not one enum per field."""

    target_class = DatePrecisionField

    def map_serializer_field(self, auto_schema, direction):
        component = ResolvedComponent(
            name="DatePrecision",
            type=ResolvedComponent.SCHEMA,
            object="DatePrecision",
            schema={
                "type": "string",
                "enum": [*DatePrecision.values, ""],
                "description": "How much of the date is known: `day`, `month` or `year`; empty "
                "when there is no date. Missing with a date means `day`.",
            },
        )
        auto_schema.registry.register_on_missing(component)
        return component.ref


# The most ids one list may name, by the kind of object they name: far more than any briefing
# needs, few enough that checking them is one quick query.
MAX_IDS = {Topic: 200, Place: 200, Briefing: 200, Source: 1000}
# How many unknown ids a refusal names.
UNKNOWN_IDS_NAMED = 5
# The largest id the database can hold (a 64-bit primary key).
MAX_ID = 2**63 - 1


class _VisibleId(serializers.PrimaryKeyRelatedField):
    """One id of an IdListField: the schema's item, and the browsable API's choices, which are
    the list's own (what the user may see)."""

    def get_queryset(self):
        return self.parent.get_queryset()


class IdListField(serializers.ManyRelatedField):
    """A write-only list of ids of `model` objects the user may see (`policies.visible`):
    duplicates are dropped, more than `MAX_IDS[model]` distinct ids are refused, and the rest
    are looked up in one query, the unknown ones named in the refusal. Ids of objects the user
    may not see are unknown too, so the answer says nothing about them.

    DRF's `PrimaryKeyRelatedField(many=True)` runs a query per id instead."""

    default_error_messages = {
        "not_a_list": "Expected a list of ids but got type “{input_type}”.",
        "not_an_id": "{value} is not an id; ids are whole numbers from 1.",
        "too_many": "At most {limit} {kind}; {given} given.",
    }

    def __init__(self, model, **kwargs):
        self.model = model
        self.limit = MAX_IDS[model]
        kwargs.setdefault(
            "help_text",
            f"Ids of {model._meta.verbose_name_plural}; duplicates are ignored; "
            f"at most {self.limit}.",
        )
        # The child checks no ids; its queryset tells the schema what an id is (an integer).
        child = _VisibleId(queryset=model._default_manager.all())
        super().__init__(child, write_only=True, required=False, **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return policies.visible(getattr(request, "user", None) or AnonymousUser(), self.model)

    def to_internal_value(self, data):
        if not isinstance(data, list | tuple):
            self.fail("not_a_list", input_type=type(data).__name__)
        if not self.allow_empty and not data:
            self.fail("empty")
        ids = list(dict.fromkeys(self._id(item) for item in data))  # in order, once each
        if len(ids) > self.limit:
            kind = self.model._meta.verbose_name_plural
            self.fail("too_many", limit=self.limit, kind=kind, given=len(ids))
        found = {obj.pk: obj for obj in self.get_queryset().filter(pk__in=ids)}
        unknown = [pk for pk in ids if pk not in found]
        if unknown:
            raise serializers.ValidationError(self._unknown_message(unknown), code="does_not_exist")
        return [found[pk] for pk in ids]

    def _id(self, item):
        """An id as a number: a JSON integer, or its digits in a string (as forms send it)."""
        if isinstance(item, str) and item.isascii() and item.isdigit() and len(item) <= 19:
            item = int(item)
        if isinstance(item, bool) or not isinstance(item, int) or not 1 <= item <= MAX_ID:
            shown = repr(item) if len(repr(item)) <= 30 else f"{repr(item)[:30]}…"
            self.fail("not_an_id", value=shown)
        return item

    def _unknown_message(self, unknown):
        meta = self.model._meta
        if len(unknown) == 1:
            return f"No {meta.verbose_name} with id {unknown[0]}."
        named = [str(pk) for pk in unknown[:UNKNOWN_IDS_NAMED]]
        rest = len(unknown) - len(named)
        if rest:
            listed = f"{', '.join(named)} and {rest} more"
        else:
            listed = f"{', '.join(named[:-1])} and {named[-1]}"
        return f"No {meta.verbose_name_plural} with ids {listed}."


class IdListFieldExtension(OpenApiSerializerFieldExtension):
    """The array of ids DRF's related fields describe, with its cap."""

    target_class = IdListField

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        return {**schema, "maxItems": self.target.limit}


def summary_serializer(model, label, view_name, *, html=True):
    """A compact `{id, <label>, url, html_url}` for related objects."""
    fields = ["id", label, "url", *(["html_url"] if html else [])]
    attrs = {
        "url": serializers.HyperlinkedIdentityField(view_name=view_name),
        "Meta": type("Meta", (), {"model": model, "fields": fields, "read_only_fields": fields}),
    }
    if html:
        attrs["html_url"] = HtmlUrlField()
    return type(f"{model.__name__}Summary", (serializers.ModelSerializer,), attrs)


TopicSummary = summary_serializer(Topic, "name", "api:topic-detail")
PlaceSummary = summary_serializer(Place, "name", "api:place-detail")
ActorSummary = summary_serializer(Actor, "name", "api:actor-detail")
BriefingSummary = summary_serializer(Briefing, "title", "api:briefing-detail")
SourceSummary = summary_serializer(Source, "title", "api:source-detail", html=False)
FAQEntrySummary = summary_serializer(FAQEntry, "question", "api:faqentry-detail")
QuoteSummary = summary_serializer(Quote, "text", "api:quote-detail")
CorrectionSummary = summary_serializer(Correction, "text", "api:correction-detail")


class BriefingActorSerializer(serializers.ModelSerializer):
    actor = ActorSummary()

    class Meta:
        model = BriefingActor
        fields = ["actor", "role", "mention_count"]
        read_only_fields = fields


class BriefingSerializer(StrictSerializerMixin, serializers.ModelSerializer):
    """A briefing: its body as Markdown and as rendered HTML, and everything it links to."""

    url = serializers.HyperlinkedIdentityField(view_name="api:briefing-detail")
    html_url = HtmlUrlField()
    type = serializers.ChoiceField(source="kind", choices=Briefing.Kind.choices, required=False)
    topics = TopicSummary(many=True, read_only=True)
    places = PlaceSummary(many=True, read_only=True)
    related = serializers.SerializerMethodField()
    sources = SourceSummary(many=True, read_only=True)
    actors = BriefingActorSerializer(source="actor_links", many=True, read_only=True)
    quotes = serializers.SerializerMethodField()
    faqs = FAQEntrySummary(source="faq_entries", many=True, read_only=True)
    corrections = CorrectionSummary(many=True, read_only=True)
    authors = serializers.SerializerMethodField()
    reading_minutes = serializers.IntegerField(read_only=True)
    topic_ids = IdListField(Topic, source="topics")
    place_ids = IdListField(Place, source="places")
    source_ids = IdListField(Source, source="sources")
    related_ids = IdListField(
        Briefing,
        source="related",
        help_text=f"Ids of related briefings you may see; duplicates are ignored; at most "
        f"{MAX_IDS[Briefing]}. Only public ones are shown to readers.",
    )

    class Meta:
        model = Briefing
        fields = [
            "id", "slug", "url", "html_url", "title", "standfirst", "body", "body_html", "type",
            "status", "published_at", "updated_at", "information_as_of", "featured", "version",
            "reading_minutes", "authors", "topics", "places", "actors", "quotes", "faqs",
            "related", "sources", "corrections", "topic_ids", "place_ids", "source_ids",
            "related_ids",
        ]  # fmt: skip
        read_only_fields = ["body_html", "updated_at", "version"]

    @extend_schema_field(serializers.ListSerializer(child=serializers.CharField()))
    def get_authors(self, briefing):
        return [user.get_full_name() or user.get_username() for user in briefing.authors.all()]

    @extend_schema_field(QuoteSummary(many=True))
    def get_quotes(self, briefing):
        quotes = [link.quote for link in briefing.quote_links.all()]
        return QuoteSummary(quotes, many=True, context=self.context).data

    @extend_schema_field(BriefingSummary(many=True))
    def get_related(self, briefing):
        public = [other for other in briefing.related.all() if other.is_public]
        return BriefingSummary(public, many=True, context=self.context).data


class OfficeSummary(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:office-detail")
    organisation_name = serializers.CharField(
        source="organisation.name", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Office
        fields = ["id", "title", "organisation_name", "url"]
        read_only_fields = fields


class ActorAliasSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActorAlias
        fields = ["name", "kind", "language"]
        read_only_fields = fields


class ActorTenureSerializer(serializers.ModelSerializer):
    office = OfficeSummary()

    class Meta:
        model = Tenure
        fields = ["office", "started_on", "ended_on", "note"]
        read_only_fields = fields


class ActorSerializer(StrictSerializerMixin, FullCleanMixin, serializers.ModelSerializer):
    """A person, state or organisation, with its other names and the offices it held."""

    url = serializers.HyperlinkedIdentityField(view_name="api:actor-detail")
    html_url = HtmlUrlField()
    country = PlaceSummary(read_only=True, allow_null=True)
    country_id = serializers.PrimaryKeyRelatedField(
        source="country",
        queryset=Place.objects.filter(kind=Place.Kind.COUNTRY),
        write_only=True,
        required=False,
        allow_null=True,
    )
    born_on_precision = DatePrecisionField()
    died_on_precision = DatePrecisionField()
    born = PartialDateField(help_text="`born_on` as precise as it is known.")
    died = PartialDateField(help_text="`died_on` as precise as it is known.")
    aliases = ActorAliasSerializer(many=True, read_only=True)
    tenures = ActorTenureSerializer(many=True, read_only=True)

    class Meta:
        model = Actor
        validators = []  # full_clean() checks uniqueness
        fields = [
            "id", "slug", "url", "html_url", "name", "kind", "short_description", "bio",
            "bio_html", "country", "country_id", "born_on", "born_on_precision", "born",
            "died_on", "died_on_precision", "died", "wikidata_id", "aliases", "tenures",
            "updated_at",
        ]  # fmt: skip
        read_only_fields = ["bio_html", "updated_at"]


class OfficeTenureSerializer(serializers.ModelSerializer):
    actor = ActorSummary()

    class Meta:
        model = Tenure
        fields = ["actor", "started_on", "ended_on", "note"]
        read_only_fields = fields


class OfficeSerializer(StrictSerializerMixin, FullCleanMixin, serializers.ModelSerializer):
    """An office, the organisation it belongs to, and who held it when."""

    url = serializers.HyperlinkedIdentityField(view_name="api:office-detail")
    organisation = ActorSummary(read_only=True, allow_null=True)
    organisation_id = serializers.PrimaryKeyRelatedField(
        source="organisation",
        queryset=Actor.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
    )
    holders = OfficeTenureSerializer(source="tenures", many=True, read_only=True)

    class Meta:
        model = Office
        validators = []  # full_clean() checks uniqueness
        fields = [
            "id", "url", "title", "organisation", "organisation_id", "single_holder", "holders",
            "updated_at",
        ]  # fmt: skip
        read_only_fields = ["updated_at"]


class SourceSerializer(StrictSerializerMixin, FullCleanMixin, serializers.ModelSerializer):
    """A document that quotes and briefings cite; `document_url` is where it lives."""

    url = serializers.HyperlinkedIdentityField(view_name="api:source-detail")
    document_url = serializers.URLField(
        source="url", max_length=1000, help_text=Source._meta.get_field("url").help_text
    )

    class Meta:
        model = Source
        validators = []  # full_clean() checks uniqueness
        fields = [
            "id", "url", "document_url", "title", "publisher", "kind", "published_on",
            "accessed_on", "archive_url", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["updated_at"]


class TopicSerializer(StrictSerializerMixin, FullCleanMixin, serializers.ModelSerializer):
    """A topic that groups briefings and FAQ entries."""

    url = serializers.HyperlinkedIdentityField(view_name="api:topic-detail")
    html_url = HtmlUrlField()
    parent = TopicSummary(read_only=True, allow_null=True)
    parent_id = serializers.PrimaryKeyRelatedField(
        source="parent",
        queryset=Topic.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
    )

    class Meta:
        model = Topic
        validators = []  # full_clean() checks uniqueness
        fields = [
            "id", "slug", "url", "html_url", "name", "description", "description_html",
            "parent", "parent_id", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["description_html", "updated_at"]


class PlaceSerializer(StrictSerializerMixin, FullCleanMixin, serializers.ModelSerializer):
    """A country, region, city or sea, and the larger places it belongs to."""

    url = serializers.HyperlinkedIdentityField(view_name="api:place-detail")
    html_url = HtmlUrlField()
    parents = PlaceSummary(many=True, read_only=True)
    parent_ids = IdListField(Place, source="parents")

    class Meta:
        model = Place
        validators = []  # full_clean() checks uniqueness
        fields = [
            "id", "slug", "url", "html_url", "name", "kind", "iso_code", "parents", "parent_ids",
            "updated_at",
        ]  # fmt: skip
        read_only_fields = ["updated_at"]


class QuoteTenureSerializer(serializers.ModelSerializer):
    office = OfficeSummary()

    class Meta:
        model = Tenure
        fields = ["id", "office", "started_on", "ended_on", "note"]
        read_only_fields = fields


class QuoteSerializer(StrictSerializerMixin, FullCleanMixin, serializers.ModelSerializer):
    """A quote, attributed to its speaker and the office held, with its source.

    Verification is an editor's call; "verified" needs a source.
    """

    url = serializers.HyperlinkedIdentityField(view_name="api:quote-detail")
    html_url = HtmlUrlField()
    speaker = ExpandableField(ActorSummary, ActorSerializer)
    speaker_id = serializers.PrimaryKeyRelatedField(
        source="speaker", queryset=Actor.objects.all(), write_only=True
    )
    attribution = serializers.SerializerMethodField()
    tenure = QuoteTenureSerializer(read_only=True, allow_null=True)
    tenure_id = serializers.PrimaryKeyRelatedField(
        source="tenure",
        queryset=Tenure.objects.select_related("actor"),
        write_only=True,
        required=False,
        allow_null=True,
        help_text="The speaker's tenure covering the date said.",
    )
    said_on_precision = DatePrecisionField()
    said = PartialDateField(help_text="`said_on` as precise as it is known.")
    source = ExpandableField(SourceSummary, SourceSerializer, allow_null=True)
    source_id = serializers.PrimaryKeyRelatedField(
        source="source",
        queryset=Source.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
        help_text="The primary source; required for a verified quote.",
    )
    briefings = serializers.SerializerMethodField()

    class Meta:
        model = Quote
        validators = []  # full_clean() checks uniqueness
        fields = [
            "id", "url", "html_url", "text", "language", "speaker", "speaker_id", "attribution",
            "attributed_as", "tenure", "tenure_id", "said_on", "said_on_precision", "said",
            "occasion", "context", "source", "source_id", "source_locator", "verification",
            "verified_at", "briefings", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["verified_at", "updated_at"]
        extra_kwargs = {
            "verification": {
                "help_text": "Editors only. " + Quote._meta.get_field("verification").help_text
            }
        }

    def get_attribution(self, quote) -> str:
        return quote.attribution()

    @extend_schema_field(BriefingSummary(many=True))
    def get_briefings(self, quote):
        """The public briefings that use the quote."""
        briefings = getattr(quote, "public_briefings", None)
        if briefings is None:
            briefings = quote.briefings.published()
        return BriefingSummary(briefings, many=True, context=self.context).data


class FAQEntrySerializer(StrictSerializerMixin, FullCleanMixin, serializers.ModelSerializer):
    """A question readers ask, answered in Markdown, on a briefing or on its own."""

    url = serializers.HyperlinkedIdentityField(view_name="api:faqentry-detail")
    html_url = HtmlUrlField()
    briefing = BriefingSummary(read_only=True, allow_null=True)
    briefing_id = serializers.PrimaryKeyRelatedField(
        source="briefing",
        queryset=Briefing.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
        help_text="The briefing the entry belongs to; empty (editors only) for a general entry.",
    )
    topics = TopicSummary(many=True, read_only=True)
    topic_ids = IdListField(Topic, source="topics")

    class Meta:
        model = FAQEntry
        validators = []  # full_clean() checks uniqueness
        fields = [
            "id", "url", "html_url", "question", "answer", "answer_html", "briefing",
            "briefing_id", "topics", "topic_ids", "order", "last_reviewed_on", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["answer_html", "updated_at"]


class CorrectionSerializer(StrictSerializerMixin, FullCleanMixin, serializers.ModelSerializer):
    """A correction or update noted on a briefing."""

    url = serializers.HyperlinkedIdentityField(view_name="api:correction-detail")
    html_url = HtmlUrlField()
    briefing = BriefingSummary(read_only=True)
    briefing_id = serializers.PrimaryKeyRelatedField(
        source="briefing", queryset=Briefing.objects.all(), write_only=True
    )

    class Meta:
        model = Correction
        validators = []  # full_clean() checks uniqueness
        fields = [
            "id",
            "url",
            "html_url",
            "briefing",
            "briefing_id",
            "kind",
            "published_at",
            "text",
        ]


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "A field is not valid",
            value={
                "status": 400,
                "code": "invalid",
                "detail": "Some fields are not valid; see errors.",
                "errors": {
                    "published_at": ["A published briefing needs a publication date and time."]
                },
            },
            response_only=True,
        ),
        OpenApiExample(
            "Someone else changed it first",
            value={
                "status": 412,
                "code": "precondition_failed",
                "detail": "The object changed since the ETag you sent in If-Match; fetch it again.",
                "errors": {},
            },
            response_only=True,
        ),
    ]
)
class ErrorSerializer(serializers.Serializer):
    """The body of every error response (api/errors.py)."""

    status = serializers.IntegerField(help_text="The HTTP status code.")
    code = serializers.CharField(help_text="A machine-readable code, e.g. `invalid`, `not_found`.")
    detail = serializers.CharField(help_text="What went wrong, for people.")
    errors = serializers.DictField(
        child=serializers.JSONField(),
        help_text="For 400: the messages per field (`non_field_errors` for the whole object); "
        "otherwise empty.",
    )


class BriefingChangeSerializer(BriefingSerializer):
    """A briefing, as listed by the sync endpoint."""


class ConnectionsParams(serializers.Serializer):
    """The query parameters of an actor's connections."""

    limit = serializers.IntegerField(
        required=False,
        default=20,
        min_value=1,
        max_value=100,
        help_text="How many connected actors to list, strongest first (1–100).",
    )


class ActorConnectionSerializer(serializers.Serializer):
    """Another actor, and how many public briefings it shares with the actor asked about."""

    actor = ActorSummary(source="*", read_only=True)
    shared_briefings = serializers.IntegerField(
        source="shared_count",
        read_only=True,
        help_text="Published briefings that involve both actors.",
    )


class ActorConnectionsSerializer(serializers.Serializer):
    """An actor and the actors it appears with most in published briefings."""

    actor = ActorSummary(read_only=True)
    results = ActorConnectionSerializer(many=True, read_only=True)
