"""Quotes: stored once, attributed to a speaker and the office held, with a source and a verification status."""

import re

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from briefings.dates import (
    PartialDateAttribute,
    normalise_partial_date,
    precision_constraint,
    precision_field,
)

from .base import (
    NormalisedCharField,
    NormalisedTextField,
    SearchableQuerySet,
    TimeStampedModel,
    created_by_field,
    search_public_from_field,
    search_vector_field,
)

_QUOTE_MARKS = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'"}
)
_DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-"})


def normalise_quote_text(text):
    """The form quotes are compared in: one space, straight quote marks and dashes, no case."""
    text = text.translate(_QUOTE_MARKS).translate(_DASHES).replace("…", "...")
    text = re.sub(r"\s+", " ", text).strip().strip("\"'").strip()
    return text.casefold()


class QuoteQuerySet(SearchableQuerySet):
    def with_attribution(self):
        """Everything a quote's attribution and source line print, fetched up front."""
        return self.select_related("speaker", "tenure__office", "source").prefetch_related(
            "speaker__tenures"
        )

    def used_in(self, briefings):
        """Quotes that at least one of `briefings` uses."""
        from .briefing import BriefingQuote

        return self.filter(
            Exists(BriefingQuote.objects.filter(quote=OuterRef("pk"), briefing__in=briefings))
        )

    def count_by_month(self):
        """{first day of the month said: quotes}; undated quotes are counted under None."""
        return dict(self.values_list(TruncMonth("said_on")).annotate(Count("pk")).order_by())

    def changed_since_verified(self):
        """Quotes verified once whose words, speaker or source changed since: to verify again."""
        return self.filter(verification=Quote.Verification.UNVERIFIED, verified_at__isnull=False)

    def published(self):
        """Quotes that at least one public briefing uses; the others are not public yet."""
        from .briefing import Briefing

        return self.used_in(Briefing.objects.published())


class Quote(TimeStampedModel):
    class Verification(models.TextChoices):
        VERIFIED = "verified", "Verified"
        REPORTED = "reported", "Reported"
        UNVERIFIED = "unverified", "Unverified"
        DISPUTED = "disputed", "Disputed"
        MISATTRIBUTED = "misattributed", "Misattributed"

    NEEDS_SOURCE = "A verified quote needs its primary source; add it or choose another status."

    text = NormalisedTextField(
        max_length=5_000,
        help_text="Exactly as said or published, without surrounding quote marks.",
    )
    text_normalised = models.TextField(editable=False)
    language = NormalisedCharField(
        max_length=12, default="en", help_text="Language code of the text as stored (en, uk, ru …)."
    )
    speaker = models.ForeignKey(
        "briefings.Actor",
        on_delete=models.PROTECT,
        related_name="quotes",
        help_text="Who said it. Create the actor first if they are new.",
    )
    tenure = models.ForeignKey(
        "briefings.Tenure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotes",
        help_text="The office the speaker held when speaking; it must be the speaker's and cover the date.",
    )
    attributed_as = NormalisedCharField(
        "attribution as written",
        max_length=200,
        blank=True,
        help_text="How the source describes the speaker, e.g. “NATO chief”.",
    )
    said_on = models.DateField("date said", null=True, blank=True)
    said_on_precision = precision_field("date precision")
    occasion = NormalisedCharField(
        max_length=300,
        blank=True,
        help_text="Where or when it was said, e.g. “Press conference at the White House”.",
    )
    context = NormalisedTextField(
        blank=True,
        max_length=2_000,
        help_text="A note for readers on what the speaker was responding to.",
    )
    source = models.ForeignKey(
        "briefings.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes",
        help_text="The primary source: a transcript, recording or the speaker's own statement.",
    )
    source_locator = NormalisedCharField(
        max_length=200, blank=True, help_text="Where in the source: a timestamp, page or paragraph."
    )
    verification = models.CharField(
        max_length=14,
        choices=Verification.choices,
        default=Verification.UNVERIFIED,
        help_text="Verified means checked against the primary source, which must then be given.",
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    created_by = created_by_field("Who added it; a contributor may change what they added.")
    search_vector = search_vector_field()
    search_public_from = search_public_from_field()
    history = HistoricalRecords(excluded_fields=["search_vector", "search_public_from"])

    objects = QuoteQuerySet.as_manager()

    said = PartialDateAttribute("said_on")

    class Meta:
        ordering = ["-said_on", "-pk"]
        indexes = [
            models.Index(fields=["speaker", "-said_on"], name="quote_speaker_said_idx"),
            # The default order: the latest quotes without sorting them all.
            models.Index(fields=["-said_on", "-id"], name="quote_latest_idx"),
            models.Index(fields=["verification"], name="quote_verification_idx"),
            GinIndex(fields=["search_vector"], name="quote_search_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["speaker", "text_normalised"],
                name="quote_unique_per_speaker",
                violation_error_message="This speaker's quote is stored already; use the existing one.",
            ),
            models.CheckConstraint(
                condition=~Q(verification="verified") | Q(source__isnull=False),
                name="quote_verified_has_source",
                violation_error_message="A verified quote needs its primary source.",
            ),
            precision_constraint("quote", "said_on"),
        ]

    def __str__(self):
        text = self.text if len(self.text) <= 60 else f"{self.text[:59]}…"
        return f"“{text}” — {self.speaker}"

    def get_absolute_url(self):
        return reverse("briefings:quote_detail", kwargs={"pk": self.pk})

    def attribution(self, today=None):
        """“Mark Rutte, NATO Secretary General”, or “…, then NATO Secretary General” once the tenure ended.

        A speaker who holds the same office again today (a second term) is not “then”. Lists
        prefetch `speaker__tenures` so that this costs no query.
        """
        if self.tenure is None:
            return (
                f"{self.speaker}, {self.attributed_as}" if self.attributed_as else str(self.speaker)
            )
        today = today or timezone.localdate()
        holds_office = self.tenure.is_current(today) or any(
            tenure.office_id == self.tenure.office_id and tenure.is_current(today)
            for tenure in self.speaker.tenures.all()
        )
        then = "" if holds_office else "then "
        return f"{self.speaker}, {then}{self.tenure.office}"

    def clean(self):
        self.prepare()  # validate the date and the uniqueness of the text as save() stores them
        errors = {}
        if self.verification == self.Verification.VERIFIED and self.source_id is None:
            errors["source"] = self.NEEDS_SOURCE
        if self.tenure_id is not None and self.speaker_id is not None:
            if self.tenure.actor_id != self.speaker_id:
                errors["tenure"] = (
                    f"This tenure belongs to {self.tenure.actor}, not to {self.speaker}."
                )
            elif self.said is not None and not self.tenure.overlaps_period(
                self.said.earliest, self.said.latest
            ):
                errors["tenure"] = (
                    f"{self.speaker} held this office {self.tenure.period}, "
                    f"which does not cover {self.said}, the date said."
                )
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None):
        # Forms exclude the non-editable normalised text, which would skip the uniqueness check.
        super().validate_constraints(exclude=set(exclude or ()) - {"text_normalised"})

    def prepare(self, *, render=None):
        """The derived fields (see MarkdownRenderMixin.prepare): the date and the compared text.

        The date moves to the start of its month or year; `text_normalised` is the text in the
        form quotes are compared in. `render` is unused: every model's prepare() takes it.
        """
        normalise_partial_date(self, "said_on")
        self.text_normalised = normalise_quote_text(self.text)

    def save(self, *args, **kwargs):
        self.prepare()
        super().save(*args, **kwargs)
