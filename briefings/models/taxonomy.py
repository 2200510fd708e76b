"""Topics and places: how briefings, quotes and FAQ entries are grouped."""

from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from .base import (
    MarkdownField,
    MarkdownRenderMixin,
    NormalisedCharField,
    SearchableQuerySet,
    TimeStampedModel,
    markdown_help,
    search_vector_field,
)


class Topic(MarkdownRenderMixin, TimeStampedModel):
    name = NormalisedCharField(
        max_length=100, unique=True, help_text="As readers see it, e.g. “Security guarantees”."
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text="The last part of the topic's address, e.g. /topics/security-guarantees/.",
    )
    description = MarkdownField(
        blank=True, max_length=10_000, help_text=markdown_help("What the topic covers", 10_000)
    )
    description_html = models.TextField(blank=True, editable=False)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="A broader topic this one belongs to, if any.",
    )
    search_vector = search_vector_field()

    objects = SearchableQuerySet.as_manager()

    markdown_fields = ("description",)

    class Meta:
        ordering = ["name"]
        indexes = [
            GinIndex(fields=["search_vector"], name="topic_search_idx"),
            GinIndex(fields=["name"], opclasses=["gin_trgm_ops"], name="topic_name_trgm_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="topic_not_own_parent",
                violation_error_message="A topic cannot be its own parent.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("briefings:topic_detail", kwargs={"slug": self.slug})

    def clean(self):
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": "A topic cannot sit below itself or its own subtopics."}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    def save(self, *args, **kwargs):
        self.prepare()
        super().save(*args, **kwargs)


class Place(TimeStampedModel):
    class Kind(models.TextChoices):
        COUNTRY = "country", "Country"
        TERRITORY = "territory", "Territory"
        REGION = "region", "Region"
        CITY = "city", "City"
        SEA = "sea", "Sea or ocean"
        OTHER = "other", "Other"

    name = NormalisedCharField(
        max_length=120, help_text="Common English name, e.g. “Ukraine”, “Black Sea”."
    )
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The last part of the place's address, e.g. /places/ukraine/.",
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.COUNTRY)
    aliases = NormalisedCharField(
        "other names",
        max_length=500,
        blank=True,
        help_text="Other names the text may use, separated by commas, e.g. “Kiev, Kyiv's”. "
        "Common forms of a country's name (“the UK”, “British”, “Türkiye”) are known from its "
        "ISO code already. A capital is not another name of its country.",
    )
    iso_code = NormalisedCharField(
        "ISO 3166 code",
        max_length=2,
        blank=True,
        help_text="Two capital letters (ISO 3166-1 alpha-2), for countries and territories, e.g. UA.",
    )
    parents = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="children",
        help_text="Larger places this one belongs to: Ukraine belongs to Europe and to the Black Sea region.",
    )

    objects = SearchableQuerySet.as_manager()
    search_vector = search_vector_field()

    def other_names(self):
        """The aliases, then the common forms of the country's name (`briefings.place_forms`)."""
        from briefings.place_forms import forms_of

        aliases = [alias.strip() for alias in self.aliases.split(",") if alias.strip()]
        return [*aliases, *forms_of(self.iso_code)]

    class Meta:
        ordering = ["name"]
        indexes = [
            GinIndex(fields=["search_vector"], name="place_search_idx"),
            GinIndex(fields=["name"], opclasses=["gin_trgm_ops"], name="place_name_trgm_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "kind"],
                name="place_unique_name_per_kind",
                violation_error_message="There is already a place of this kind with this name.",
            ),
            models.UniqueConstraint(
                fields=["iso_code"],
                condition=Q(kind="country") & ~Q(iso_code=""),
                name="place_unique_country_iso_code",
                violation_error_message="Another country already has this ISO code.",
            ),
            models.CheckConstraint(
                condition=Q(iso_code="") | Q(iso_code__regex=r"^[A-Z]{2}$"),
                name="place_iso_code_format",
                violation_error_message="An ISO 3166 code is two capital letters, e.g. UA.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("briefings:place_detail", kwargs={"slug": self.slug})
