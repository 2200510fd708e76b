"""Briefings, the actors they involve, the quotes they use, and the corrections they carry."""

import math

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from briefings.markdown import render_markdown_with_toc

from .base import (
    MarkdownField,
    NormalisedCharField,
    NormalisedTextField,
    SearchableQuerySet,
    TimeStampedModel,
    created_by_field,
    markdown_help,
    search_vector_field,
)


class BriefingQuerySet(SearchableQuerySet):
    def published(self):
        """The one definition of public: published, and its publication time has come."""
        return self.filter(status=Briefing.Status.PUBLISHED, published_at__lte=timezone.now())

    def count_by_month(self):
        """{first day of the month: briefings published in it}, months as the site's time zone has them."""
        month = TruncMonth(
            "published_at", output_field=models.DateField(), tzinfo=timezone.get_default_timezone()
        )
        return dict(self.values_list(month).annotate(Count("pk", distinct=True)).order_by())

    def involving(self, actor):
        """Briefings that involve `actor`: listed on them and not excluded by an editor."""
        return self.filter(actor_links__actor=actor, actor_links__excluded=False)

    def scheduled(self):
        return self.filter(status=Briefing.Status.PUBLISHED, published_at__gt=timezone.now())


class Briefing(TimeStampedModel):
    class Kind(models.TextChoices):
        ANALYSIS = "analysis", "Analysis"
        BACKGROUND = "background", "Background"
        EXPLAINER = "explainer", "Explainer"
        REPORTAGE = "reportage", "Reportage"
        OPINION = "opinion", "Opinion"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    title = NormalisedCharField(
        max_length=200, help_text="A plain, specific headline of at most 200 characters."
    )
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The last part of the briefing's address, e.g. /briefings/ukraine-peace-talks/.",
    )
    standfirst = NormalisedTextField(
        max_length=600,
        help_text="One or two sentences under the title saying what the briefing covers and why it matters.",
    )
    body = MarkdownField(
        blank=True,
        max_length=100_000,
        help_text=markdown_help("The briefing", 100_000) + " Start each section with a ## heading.",
    )
    body_html = models.TextField(blank=True, editable=False)
    body_toc = models.JSONField(
        default=list, blank=True, editable=False, help_text="The body's headings, for the contents."
    )
    kind = models.CharField("type", max_length=12, choices=Kind.choices, default=Kind.ANALYSIS)
    status = models.CharField(
        max_length=12,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Only published briefings whose publication time has come are public.",
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the briefing goes public. A future time schedules it; it appears by itself then.",
    )
    information_as_of = models.DateField(
        null=True,
        blank=True,
        help_text="The date up to which the facts in the briefing were checked.",
    )
    featured = models.BooleanField(
        default=False, help_text="Show on the home page among featured briefings."
    )
    authors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="briefings")
    created_by = created_by_field(
        "Who started the briefing; contributors may edit their own drafts."
    )
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Goes up by one with every save, so that a save based on an older copy is refused.",
    )
    topics = models.ManyToManyField("briefings.Topic", blank=True, related_name="briefings")
    places = models.ManyToManyField("briefings.Place", blank=True, related_name="briefings")
    related = models.ManyToManyField(
        "self", symmetrical=False, blank=True, help_text="Other briefings a reader should see next."
    )
    sources = models.ManyToManyField(
        "briefings.Source",
        blank=True,
        related_name="briefings",
        help_text="Documents the briefing cites.",
    )
    actors = models.ManyToManyField(
        "briefings.Actor", through="BriefingActor", blank=True, related_name="briefings"
    )
    quotes = models.ManyToManyField(
        "briefings.Quote", through="BriefingQuote", blank=True, related_name="briefings"
    )
    search_vector = search_vector_field()
    search_head = search_vector_field(
        "Title, standfirst, topics and places only: cheap to rank (briefings.search)."
    )
    history = HistoricalRecords(
        excluded_fields=["body_html", "body_toc", "search_vector", "search_head"]
    )

    objects = BriefingQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        indexes = [
            models.Index(fields=["status", "-published_at"], name="briefing_status_published_idx"),
            models.Index(fields=["kind", "-published_at"], name="briefing_kind_published_idx"),
            GinIndex(fields=["search_vector"], name="briefing_search_idx"),
            GinIndex(fields=["search_head"], name="briefing_search_head_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="briefing_published_has_date",
                violation_error_message="A published briefing needs a publication date and time.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("briefings:briefing_detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def reading_minutes(self):
        """Minutes to read the standfirst and body at 230 words a minute; at least one."""
        words = len(self.standfirst.split()) + len(self.body.split())
        return max(1, math.ceil(words / 230))

    @property
    def sections(self):
        """The body's top-level sections (## headings), for the table of contents."""
        top = min((heading["level"] for heading in self.body_toc), default=2)
        return [heading for heading in self.body_toc if heading["level"] == top]

    def clean(self):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            raise ValidationError(
                {"published_at": "A published briefing needs a publication date and time."}
            )

    def prepare(self, *, render=None):
        """The derived fields: the body's HTML and table of contents.

        Bulk writers call this themselves, since bulk_create skips save(); `render` is a
        `briefings.markdown.Renderer` or a function with its output (see
        MarkdownRenderMixin.prepare).
        """
        self.body_html, self.body_toc = (render or render_markdown_with_toc)(self.body)

    def save(self, *args, **kwargs):
        self.prepare()
        super().save(*args, **kwargs)


class BriefingActor(models.Model):
    class Role(models.TextChoices):
        SUBJECT = "subject", "Subject"
        QUOTED = "quoted", "Quoted"
        MENTIONED = "mentioned", "Mentioned"

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="actor_links")
    actor = models.ForeignKey(
        "briefings.Actor", on_delete=models.CASCADE, related_name="briefing_links"
    )
    role = models.CharField(
        max_length=10,
        choices=Role.choices,
        default=Role.MENTIONED,
        help_text="Subject: the briefing is about this actor. Quoted: it quotes them. Mentioned: it names them.",
    )
    mention_count = models.PositiveIntegerField(
        default=0, help_text="How often the text names the actor; filled in by entity linking."
    )
    curated = models.BooleanField(
        "pinned",
        default=False,
        help_text="Set by an editor: the actor stays listed whatever the text says; automatic linking leaves the row alone.",
    )
    excluded = models.BooleanField(
        default=False,
        help_text="Set by an editor: the text names someone else of the same name, so the actor is neither listed, linked nor connected.",
    )

    class Meta:
        ordering = ["role", "-mention_count"]
        verbose_name = "actor in briefing"
        verbose_name_plural = "actors in briefing"
        constraints = [
            models.UniqueConstraint(
                fields=["briefing", "actor"],
                name="briefingactor_unique",
                violation_error_message="This actor is already listed on the briefing.",
            ),
        ]

    def __str__(self):
        return f"{self.actor} in {self.briefing} ({self.get_role_display()})"


class BriefingQuote(models.Model):
    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="quote_links")
    quote = models.ForeignKey(
        "briefings.Quote", on_delete=models.CASCADE, related_name="briefing_links"
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Quotes are shown in this order.")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "quote in briefing"
        verbose_name_plural = "quotes in briefing"
        constraints = [
            models.UniqueConstraint(
                fields=["briefing", "quote"],
                name="briefingquote_unique",
                violation_error_message="This quote is already used in the briefing.",
            ),
        ]

    def __str__(self):
        return f"Quote {self.quote_id} in {self.briefing}"


class Correction(models.Model):
    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CORRECTION)
    published_at = models.DateTimeField(default=timezone.now, help_text="When the note was added.")
    text = NormalisedTextField(
        max_length=2_000,
        help_text="What was wrong and what the briefing says now, in a sentence or two.",
    )

    class Meta:
        ordering = ["published_at"]
        indexes = [
            models.Index(fields=["briefing", "published_at"], name="correction_briefing_idx")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.briefing} on {self.published_at:%d %b %Y}"

    def get_absolute_url(self):
        return f"{self.briefing.get_absolute_url()}#correction-{self.pk}"
