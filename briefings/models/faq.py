"""FAQ entries: questions readers ask, answered in Markdown, on a briefing or on their own."""

from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .base import (
    MarkdownField,
    MarkdownRenderMixin,
    NormalisedCharField,
    SearchableQuerySet,
    TimeStampedModel,
    markdown_help,
    search_public_from_field,
    search_vector_field,
)


class FAQEntryQuerySet(SearchableQuerySet):
    def published(self):
        """Entries on their own, or on a public briefing."""
        from .briefing import Briefing

        # A correlated EXISTS, not IN: a topic's few hundred entries then each check their own
        # briefing by primary key, instead of every entry being scanned against the public set.
        public_briefing = Briefing.objects.published().filter(pk=OuterRef("briefing_id"))
        return self.filter(Q(briefing__isnull=True) | Exists(public_briefing))


class FAQEntry(MarkdownRenderMixin, TimeStampedModel):
    question = NormalisedCharField(
        max_length=300, help_text="As a reader would ask it, ending in a question mark."
    )
    answer = MarkdownField(max_length=10_000, help_text=markdown_help("The answer", 10_000))
    answer_html = models.TextField(blank=True, editable=False)
    briefing = models.ForeignKey(
        "briefings.Briefing",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="faq_entries",
        help_text="The briefing this entry belongs to; empty for a general entry.",
    )
    topics = models.ManyToManyField("briefings.Topic", blank=True, related_name="faq_entries")
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Entries are shown in this order."
    )
    last_reviewed_on = models.DateField(
        null=True, blank=True, help_text="When an editor last checked that the answer still holds."
    )
    search_vector = search_vector_field()
    search_public_from = search_public_from_field()
    history = HistoricalRecords(
        excluded_fields=["answer_html", "search_vector", "search_public_from"]
    )

    objects = FAQEntryQuerySet.as_manager()

    markdown_fields = ("answer",)

    class Meta:
        ordering = ["briefing_id", "order", "pk"]
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ entries"
        indexes = [GinIndex(fields=["search_vector"], name="faqentry_search_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["briefing", "question"],
                name="faqentry_unique_question_per_briefing",
                violation_error_message="This briefing already has this question.",
            ),
            models.UniqueConstraint(
                fields=["question"],
                condition=Q(briefing__isnull=True),
                name="faqentry_unique_general_question",
                violation_error_message="A general FAQ entry with this question exists already.",
            ),
        ]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("briefings:faq_detail", kwargs={"pk": self.pk})

    def save(self, *args, **kwargs):
        self.prepare()
        super().save(*args, **kwargs)
