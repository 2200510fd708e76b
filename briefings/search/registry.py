"""The searchable kinds, each declared once: vectors, matching, facets, results and signals follow.

A kind's declaration names its model, the text it is found by and how much each part weighs,
what anonymous readers may find of it, how a result is titled, cut into a snippet and linked to,
and which facets narrow it. Nothing else in `briefings.search` names a model's fields:

- `vectors` builds each kind's stored PostgreSQL vector from `fields` (one `setweight` per
  weight, related names gathered by subqueries), its `search_head` from the `head` weights and
  its `search_public_from` from `public_from`;
- `signals` marks a kind's rows stale whenever a model that feeds them changes: the kind's own
  model, every model a field's lookup crosses, and the briefings `public_from` reaches;
- `engine` matches the fields on SQLite (those with `sqlite`), ranks, titles, snippets, facets,
  completes and loads results from the same declarations.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.text import Truncator

from briefings import models as m
from briefings import policies


@dataclass(frozen=True)
class Field:
    """Text a kind is found by: one of its columns, or names reached through a relation
    (`"topics__name"`, `"speaker__aliases__name"`), which are read as one text."""

    path: str
    weight: str  # "A" ranks highest, then "B", then "C" (PostgreSQL's weights)
    # Read by SQLite's plain match too. False keeps a field to PostgreSQL: the demo's reduced
    # search has never read related names or secondary texts, and reading them now would
    # change what it finds.
    sqlite: bool = True


@dataclass(frozen=True)
class PublicFrom:
    """A kind that is public once a briefing using it is published.

    Its rows store `search_public_from`: when the first published briefing reached through
    `path` goes (or went) public, so that a search compares one column with the time instead of
    joining briefings. Results are still loaded through the kind's `public`, so a stale value
    hides a row, never leaks one.
    """

    path: str  # from the kind's model to Briefing
    general: bool = False  # a row without any briefing is public from the start
    GENERAL_FROM = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Snippet:
    """The text a result's snippet is cut from: these fields, one line each."""

    fields: tuple
    whole: bool = False  # short enough to show whole, every match marked (a quote)
    # Cut by PostgreSQL's ts_headline; False: in Python, as on SQLite. ts_headline parses the
    # whole text, and for a page of briefing bodies that is most of a search's time.
    headline: bool = True
    plain: Callable | None = None  # the text when cut in Python, if not the fields'

    def text(self, obj):
        if self.plain:
            return self.plain(obj)
        return "\n".join(getattr(obj, name) for name in self.fields)


@dataclass(frozen=True)
class Names:
    """A kind found by its names even when misspelt (PostgreSQL trigram similarity, through a
    trigram index on `field`), and offered as "Did you mean" when a query finds no text."""

    field: str = "name"
    aliases: str = ""  # a relation to the row's other names (each with the same `field`)
    # Too many rows to compare on every search: compared only when the query matches none of
    # them as written (a misspelling). Fewer rows are compared every time.
    many: bool = False


# Facets: filters a search can be narrowed by, each counted over the matches per choice.


def grouped(queryset, relation):
    return (
        queryset.order_by()
        .values("slug", "name")
        .annotate(n=Count(relation, distinct=True))
        .values_list("slug", "name", "n")
    )


def by_year(queryset, date_field):
    return (
        queryset.order_by()
        .annotate(value=ExtractYear(date_field))
        .values("value")
        .annotate(n=Count("pk"))
        .values_list("value", "value", "n")
    )


@dataclass(frozen=True)
class Linked:
    """Rows linked to the chosen topic, place or speaker (by slug); counted per linked row."""

    name: str
    path: str  # the relation from the kind's model

    def narrow(self, kind, rows, slug):
        return rows.filter(**{f"{self.path}__slug": slug})

    def count(self, kind, matches):
        """(slug, name, matches linked to it) rows."""
        relation = kind.model._meta.get_field(self.path)
        if relation.many_to_many:
            back = relation.related_query_name()
            linked = relation.related_model.objects.filter(**{f"{back}__in": matches.values("pk")})
            return grouped(linked, back)
        return (
            matches.order_by()
            .values(f"{self.path}__slug", f"{self.path}__name")
            .annotate(n=Count("pk"))
            .values_list(f"{self.path}__slug", f"{self.path}__name", "n")
        )


@dataclass(frozen=True)
class InPublicBriefings:
    """A quote has no topics or places of its own: it has those of the public briefings using
    it. Not counted: that would join every matching quote to its briefings, and the facet
    already counts the briefings themselves."""

    name: str
    path: str  # the briefings' relation

    def narrow(self, kind, rows, slug):
        return rows.used_in(m.Briefing.objects.published().filter(**{f"{self.path}__slug": slug}))

    def count(self, kind, matches):
        return ()


@dataclass(frozen=True)
class Year:
    """Rows of one year of the kind's `date`; counted per year."""

    name: str = "year"

    def narrow(self, kind, rows, year):
        return rows.filter(**{f"{kind.date}__year": year})

    def count(self, kind, matches):
        return by_year(matches, kind.date)


@dataclass(frozen=True)
class Kind:
    """One searchable kind of row: everything search does with it follows from these."""

    key: str  # in URLs and the API: ?type=briefing
    label: str
    plural: str
    model: type
    # What anonymous readers may find: `policies.public`, the one definition, never a copy.
    public: Callable[[], QuerySet]
    fields: tuple  # of Field, in the order their text is read
    snippet: Snippet
    api_view: str  # the result in the API; on the reader site it is `get_absolute_url()`
    # The field a result is titled by: a query equal to it ranks first, and the search boxes
    # complete it. None for a quote, whose text is what was said, not a title.
    title: str | None = None
    show_title: Callable | None = None  # how a result shows its title, if not as stored
    shown: Callable[[QuerySet], QuerySet] = lambda rows: rows  # what a page of results loads
    date: str | None = None  # newer rows rank a little higher; the year facet
    # Weights also stored alone as `search_head`, to rank and complete on without reading the
    # rest of a long text's vector.
    head: tuple = ()
    public_from: PublicFrom | None = None
    names: Names | None = None
    facets: tuple = ()

    @property
    def filters(self):
        """The facet filters that apply to this kind."""
        return frozenset(facet.name for facet in self.facets)

    @property
    def ranked_on(self):
        """The stored vector ranks and completions read."""
        return "search_head" if self.head else "search_vector"

    def weight_of(self, path):
        return next(field.weight for field in self.fields if field.path == path)

    def title_of(self, obj):
        if self.show_title:
            return self.show_title(obj)
        return getattr(obj, self.title)

    def results(self):
        """The rows a page of results shows: public, with what the page prints fetched."""
        return self.shown(self.public())


KINDS = {
    kind.key: kind
    for kind in (
        Kind(
            key="briefing",
            label="Briefing",
            plural="Briefings",
            model=m.Briefing,
            public=lambda: policies.public(m.Briefing),
            fields=(
                Field("title", "A"),
                Field("standfirst", "B"),
                Field("topics__name", "B", sqlite=False),
                Field("places__name", "B", sqlite=False),
                Field("body", "C"),
            ),
            head=("A", "B"),
            title="title",
            date="published_at",
            snippet=Snippet(("standfirst", "body"), headline=False),
            shown=lambda rows: rows.defer(
                "body_html", "body_toc", "search_vector", "search_head"
            ).prefetch_related("topics"),
            facets=(Linked("topic", "topics"), Linked("place", "places"), Year()),
            api_view="api:briefing-detail",
        ),
        Kind(
            key="quote",
            label="Quote",
            plural="Quotes",
            model=m.Quote,
            public=lambda: policies.public(m.Quote),
            public_from=PublicFrom("briefing_links__briefing"),
            fields=(
                Field("text", "A"),
                Field("speaker__name", "B"),
                Field("speaker__aliases__name", "B", sqlite=False),
                Field("occasion", "C"),
                Field("attributed_as", "C"),
                Field("context", "C", sqlite=False),
            ),
            show_title=lambda quote: "“" + Truncator(quote.text).words(30) + "”",
            date="said_on",
            snippet=Snippet(("text",), whole=True),
            shown=lambda rows: rows.with_attribution(),
            facets=(
                InPublicBriefings("topic", "topics"),
                InPublicBriefings("place", "places"),
                Year(),
                Linked("speaker", "speaker"),
            ),
            api_view="api:quote-detail",
        ),
        Kind(
            key="faq",
            label="Question",
            plural="Questions",
            model=m.FAQEntry,
            public=lambda: policies.public(m.FAQEntry),
            public_from=PublicFrom("briefing", general=True),
            fields=(Field("question", "A"), Field("answer", "B")),
            title="question",
            snippet=Snippet(("answer",)),
            shown=lambda rows: rows.select_related("briefing"),
            facets=(Linked("topic", "topics"),),
            api_view="api:faqentry-detail",
        ),
        Kind(
            key="actor",
            label="Actor",
            plural="Actors",
            model=m.Actor,
            public=lambda: policies.public(m.Actor),
            fields=(
                Field("name", "A"),
                Field("aliases__name", "A"),
                Field("short_description", "B"),
                Field("bio", "C", sqlite=False),
            ),
            names=Names(aliases="aliases", many=True),
            title="name",
            snippet=Snippet(("bio",)),
            api_view="api:actor-detail",
        ),
        Kind(
            key="topic",
            label="Topic",
            plural="Topics",
            model=m.Topic,
            public=lambda: policies.public(m.Topic),
            fields=(Field("name", "A"), Field("description", "B")),
            names=Names(),
            title="name",
            snippet=Snippet(("description",)),
            api_view="api:topic-detail",
        ),
        Kind(
            key="place",
            label="Place",
            plural="Places",
            model=m.Place,
            public=lambda: policies.public(m.Place),
            fields=(Field("name", "A"), Field("iso_code", "B", sqlite=False)),
            names=Names(),
            title="name",
            # A place's name is its title already: SQLite shows what kind of place it is.
            snippet=Snippet(("name",), plain=lambda place: place.get_kind_display()),
            api_view="api:place-detail",
        ),
    )
}

# The facet filters, in the order they narrow a search.
FILTERS = tuple(dict.fromkeys(facet.name for kind in KINDS.values() for facet in kind.facets))


def kind_of(model):
    """The kind whose rows are `model`'s."""
    return next(kind for kind in KINDS.values() if kind.model is model)
