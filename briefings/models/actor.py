"""Actors (people, states, organisations), their other names, and the offices they hold over time."""

import datetime
import itertools

from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from briefings.dates import (
    PartialDate,
    PartialDateAttribute,
    normalise_partial_date,
    precision_constraint,
    precision_field,
)

from .base import (
    MarkdownField,
    MarkdownRenderMixin,
    NormalisedCharField,
    SearchableQuerySet,
    TimeStampedModel,
    created_by_field,
    markdown_help,
    search_vector_field,
)


class ActorQuerySet(SearchableQuerySet):
    def matching_name(self, name):
        """Actors whose name or one of whose aliases is `name`, ignoring case."""
        aliases = ActorAlias.objects.filter(actor=OuterRef("pk"), name__iexact=name)
        return self.filter(Q(name__iexact=name) | Exists(aliases))

    def public(self):
        """Actors readers see: all but those an import created and no one has reviewed yet,
        unless a public briefing names or quotes them.

        An unreviewed actor comes from a draft's text, so showing it would leak the draft.
        """
        from .briefing import Briefing, BriefingActor

        in_public_briefing = BriefingActor.objects.filter(
            actor=OuterRef("pk"), excluded=False, briefing__in=Briefing.objects.published()
        )
        return self.filter(Q(needs_review=False) | Exists(in_public_briefing))

    def with_public_briefing_counts(self):
        """Annotates `briefing_count`: how many public briefings involve each actor."""
        from .briefing import Briefing

        return self.annotate(
            briefing_count=Count(
                "briefing_links",
                filter=Q(
                    briefing_links__briefing__in=Briefing.objects.published(),
                    briefing_links__excluded=False,
                ),
            )
        )

    def connected_to(self, actor):
        """Other actors in the same public briefings as `actor`, with `shared_count`, most first.

        One query whatever the data size: the public briefings `actor` is in are a subquery, and
        each other actor's links into them are counted. A link an editor excluded (the text names
        someone else) counts on neither side.
        """
        from .briefing import Briefing

        shared = Briefing.objects.published().involving(actor)
        # Both conditions in one filter() so that the count runs over the same joined links;
        # (briefing, actor) is unique, so each link is one shared briefing.
        return (
            self.filter(briefing_links__briefing__in=shared, briefing_links__excluded=False)
            .exclude(pk=actor.pk)
            .annotate(shared_count=Count("briefing_links"))
            .order_by("-shared_count", "name", "pk")
        )


class Actor(MarkdownRenderMixin, TimeStampedModel):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        STATE = "state", "State"
        GOVERNMENT_BODY = "government_body", "Government body"
        IGO = "igo", "Intergovernmental organisation"
        THINK_TANK = "think_tank", "Think tank"
        MEDIA = "media", "Media"
        ARMED_GROUP = "armed_group", "Armed group"
        COMPANY = "company", "Company"
        OTHER = "other", "Other"

    name = NormalisedCharField(
        max_length=200,
        help_text="The name readers know best, e.g. “Volodymyr Zelensky”, “NATO”. Other spellings go in aliases.",
    )
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The last part of the profile's address, e.g. /actors/mark-rutte/.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    short_description = NormalisedCharField(
        max_length=200,
        blank=True,
        help_text="One line that tells namesakes apart, e.g. “President of Ukraine since 2019”.",
    )
    bio = MarkdownField(blank=True, max_length=20_000, help_text=markdown_help("A profile", 20_000))
    bio_html = models.TextField(blank=True, editable=False)
    country = models.ForeignKey(
        "briefings.Place",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actors",
        limit_choices_to={"kind": "country"},
        help_text="The country the actor belongs to or is based in.",
    )
    born_on = models.DateField(
        "born or founded",
        null=True,
        blank=True,
        help_text="Birth date for people, founding date otherwise.",
    )
    born_on_precision = precision_field("born/founded precision")
    died_on = models.DateField(
        "died or dissolved", null=True, blank=True, help_text="Leave empty while the actor exists."
    )
    died_on_precision = precision_field("died/dissolved precision")
    wikidata_id = NormalisedCharField(
        "Wikidata ID",
        max_length=20,
        blank=True,
        help_text="The Wikidata item, e.g. Q3874799. Helps match the actor across sources.",
    )
    needs_review = models.BooleanField(
        default=False,
        help_text="Added by a contributor or an import; not public until an editor checks the name, kind and offices and clears this.",
    )
    created_by = created_by_field(
        "Who added it; a contributor may change what they added until an editor reviews it."
    )
    search_vector = search_vector_field()
    history = HistoricalRecords(excluded_fields=["search_vector"])

    objects = ActorQuerySet.as_manager()

    born = PartialDateAttribute("born_on")
    died = PartialDateAttribute("died_on")
    markdown_fields = ("bio",)

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["kind", "name"], name="actor_kind_name_idx"),
            models.Index(Upper("name"), name="actor_upper_name_idx"),
            GinIndex(fields=["search_vector"], name="actor_search_idx"),
            GinIndex(fields=["name"], opclasses=["gin_trgm_ops"], name="actor_name_trgm_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "short_description"],
                name="actor_unique_name_description",
                violation_error_message="An actor with this name and short description exists already; "
                "tell namesakes apart in the short description.",
            ),
            models.UniqueConstraint(
                fields=["wikidata_id"],
                condition=~Q(wikidata_id=""),
                name="actor_unique_wikidata_id",
                violation_error_message="Another actor already has this Wikidata ID.",
            ),
            models.CheckConstraint(
                condition=Q(wikidata_id="") | Q(wikidata_id__regex=r"^Q[1-9][0-9]*$"),
                name="actor_wikidata_id_format",
                violation_error_message="A Wikidata ID is a Q followed by digits, e.g. Q3874799.",
            ),
            models.CheckConstraint(
                # Dates known only to the month or year are stored as their first day, so the
                # database compares day-precise end dates; clean() compares the partial dates.
                condition=Q(born_on__isnull=True)
                | Q(died_on__isnull=True)
                | ~Q(died_on_precision="day")
                | Q(died_on__gte=F("born_on")),
                name="actor_died_after_born",
                violation_error_message="The end date cannot be before the birth or founding date.",
            ),
            precision_constraint("actor", "born_on"),
            precision_constraint("actor", "died_on"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("briefings:actor_detail", kwargs={"slug": self.slug})

    def tenure_on(self, when):
        """The tenure held throughout `when` (a date or a PartialDate) if exactly one fits.

        A month or year that straddles a change of office gives None: the date is too vague to
        tell which office the actor held.
        """
        when = when if isinstance(when, PartialDate) else PartialDate(when)
        tenures = [
            tenure
            for tenure in self.tenures.select_related("office")
            if tenure.covers(when.earliest) and tenure.covers(when.latest)
        ]
        return tenures[0] if len(tenures) == 1 else None

    def clean(self):
        self.prepare()  # validate the dates as save() will store them
        if self.born and self.died and self.died.latest < self.born.earliest:
            raise ValidationError(
                {
                    "died_on": f"The end date ({self.died}) cannot be before the birth or founding date ({self.born})."
                }
            )

    def prepare(self, *, render=None):
        """The derived fields: dates moved to the start of their month or year, the bio's HTML."""
        normalise_partial_date(self, "born_on")
        normalise_partial_date(self, "died_on")
        super().prepare(render=render)

    def save(self, *args, **kwargs):
        self.prepare()
        super().save(*args, **kwargs)


class ActorAlias(models.Model):
    class Kind(models.TextChoices):
        SHORT = "short", "Short name"
        ACRONYM = "acronym", "Acronym"
        TRANSLITERATION = "transliteration", "Transliteration"
        FORMER = "former", "Former name"
        NATIVE = "native", "Name in its own language"
        OTHER = "other", "Other"

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = NormalisedCharField(
        max_length=200, help_text="Another way the actor is written, e.g. “Zelenskyy”."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    language = NormalisedCharField(
        max_length=12,
        blank=True,
        help_text="Language code of this form (en, uk, ru …); empty if it is used in every language.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "actor aliases"
        indexes = [
            models.Index(fields=["name"], name="actoralias_name_idx"),
            models.Index(Upper("name"), name="actoralias_upper_name_idx"),
            GinIndex(fields=["name"], opclasses=["gin_trgm_ops"], name="actoralias_name_trgm_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "name", "language"],
                name="actoralias_unique_per_actor_language",
                violation_error_message="This actor already has this alias in this language.",
            ),
        ]

    def __str__(self):
        return self.name


class ActorRedirect(models.Model):
    """The address of an actor merged into another, kept so that old links still arrive."""

    old_slug = models.SlugField(max_length=200, unique=True)
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]

    def __str__(self):
        return f"/actors/{self.old_slug}/ → {self.actor}"


class Office(TimeStampedModel):
    title = NormalisedCharField(
        max_length=200,
        help_text="The office as readers know it, e.g. “NATO Secretary General”, “President of Ukraine”.",
    )
    organisation = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offices",
        help_text="The state or organisation the office belongs to, e.g. NATO.",
    )
    single_holder = models.BooleanField(
        default=True,
        help_text="One holder at a time (a head of state); untick for seats with many holders "
        "(members of a parliament).",
    )

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "organisation"],
                name="office_unique_title_per_organisation",
                violation_error_message="This organisation already has an office with this title.",
            ),
            models.UniqueConstraint(
                fields=["title"],
                condition=Q(organisation__isnull=True),
                name="office_unique_title_without_organisation",
                violation_error_message="An office with this title and no organisation exists already.",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.pk and self.single_holder and _overlapping_pairs(self.tenures.all()):
            raise ValidationError(
                {
                    "single_holder": "Tenures of this office overlap; fix them before making it single-holder."
                }
            )

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Tenures carry the flag so that PostgreSQL can enforce no overlap by itself.
        self.tenures.exclude(single_holder=self.single_holder).update(
            single_holder=self.single_holder
        )


def _overlapping_pairs(tenures):
    tenures = sorted(tenures, key=lambda tenure: tenure.started_on)
    return [(a, b) for a, b in itertools.pairwise(tenures) if a.overlaps(b)]


class Tenure(TimeStampedModel):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="tenures")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="tenures")
    started_on = models.DateField(help_text="The first day in office.")
    ended_on = models.DateField(
        null=True,
        blank=True,
        help_text="The last day in office; a successor may start on the same day (a handover). "
        "Empty while serving.",
    )
    note = NormalisedCharField(
        max_length=200, blank=True, help_text="E.g. “acting”, “second term”."
    )
    single_holder = models.BooleanField(default=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on"]
        indexes = [models.Index(fields=["actor", "started_on"], name="tenure_actor_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="tenure_end_not_before_start",
                violation_error_message="A tenure cannot end before it starts.",
            ),
        ]

    def __str__(self):
        return f"{self.actor}, {self.office} ({self.period})"

    @property
    def period(self):
        if self.ended_on and self.ended_on.year == self.started_on.year:
            return str(self.started_on.year)
        end = self.ended_on.year if self.ended_on else "present"
        return f"{self.started_on.year}–{end}"

    def covers(self, date):
        return self.started_on <= date and (self.ended_on is None or date <= self.ended_on)

    def overlaps_period(self, first_day, last_day):
        """True when the tenure shares at least one day with first_day…last_day (None: open)."""
        return self.started_on <= (last_day or datetime.date.max) and first_day <= (
            self.ended_on or datetime.date.max
        )

    def overlaps(self, other):
        """Two tenures of one office clash unless one ends on the day the other begins (a handover)."""
        if self.started_on == other.started_on:
            return True
        return self.started_on < (other.ended_on or datetime.date.max) and other.started_on < (
            self.ended_on or datetime.date.max
        )

    def is_current(self, today=None):
        return self.covers(today or timezone.localdate())

    def clean(self):
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "A tenure cannot end before it starts."})
        if self.office_id and self.started_on and self.office.single_holder:
            others = (
                Tenure.objects.filter(office=self.office_id)
                .exclude(pk=self.pk)
                .select_related("actor")
            )
            clash = next((other for other in others if other.overlaps(self)), None)
            if clash:
                raise ValidationError(
                    f"{self.office} has one holder at a time, and {clash.actor} held it "
                    f"from {PartialDate(clash.started_on)} to "
                    f"{PartialDate(clash.ended_on) if clash.ended_on else 'now'}."
                )

    def prepare(self, *, render=None):
        """The derived field: the office's single-holder flag (see MarkdownRenderMixin.prepare).

        Copied so that PostgreSQL can enforce one holder at a time by itself. `render` is
        unused: every model's prepare() takes it, so that bulk writers call them all alike.
        """
        self.single_holder = self.office.single_holder

    def save(self, *args, **kwargs):
        self.prepare()
        super().save(*args, **kwargs)
