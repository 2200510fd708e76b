"""One search over briefings, quotes, FAQ entries, actors, topics and places.

`search(query, filters)` returns a `SearchResults`: ranked, typed hits of every kind in one list,
with counts, facets and a "did you mean" suggestion. It behaves like a queryset to Django's
paginator (`count()` and slicing), so the reader page and the API paginate it the same way.

On PostgreSQL the query is read in web-search syntax (`"exact phrase"`, `or`, `-word`) by
`websearch_to_tsquery` and matched against stored, weighted vectors (see `vectors.py`); hits are
ranked by field weight and cover density, newer briefings and quotes a little higher; snippets
come from `ts_headline`. A query that is an actor's name or alias also finds texts that use the
actor's other names, and misspelt names find actors, topics and places by trigram similarity.

On SQLite (the local demo) the same interface runs a plain case-insensitive match: every word
must appear, titles and names rank first, and there are no phrases, exclusions or typo
tolerance. `filter_queryset()` gives each model's `search()` the same engine.
"""

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramSimilarity,
    TrigramWordSimilarity,
)
from django.core.cache import cache
from django.db import connections
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat, ExtractYear, Greatest, Left, Now
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from briefings import models as m

from . import vectors

MAX_QUERY_LENGTH = 200
SNIPPET_START, SNIPPET_STOP = "\x02", "\x03"
# Trigram similarity at or above this finds a misspelt name ("Makron" → "Macron").
NAME_SIMILARITY = 0.3
WORD_SIMILARITY = 0.5


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    plural: str
    filters: frozenset  # the facet filters that apply to this kind


KINDS = {
    kind.key: kind
    for kind in (
        Kind("briefing", "Briefing", "Briefings", frozenset({"topic", "place", "year"})),
        Kind("quote", "Quote", "Quotes", frozenset({"topic", "place", "year", "speaker"})),
        Kind("faq", "Question", "Questions", frozenset({"topic"})),
        Kind("actor", "Actor", "Actors", frozenset()),
        Kind("topic", "Topic", "Topics", frozenset()),
        Kind("place", "Place", "Places", frozenset()),
    )
}
FILTERS = ("topic", "place", "year", "speaker")


@dataclass
class Filters:
    types: tuple = ()
    topic: str = ""
    place: str = ""
    year: int | None = None
    speaker: str = ""

    def active(self):
        return {name for name in FILTERS if getattr(self, name)}

    def kinds(self):
        """The kinds that can match: those asked for, and carrying every active filter."""
        wanted = self.types or tuple(KINDS)
        return [key for key in KINDS if key in wanted and self.active() <= KINDS[key].filters]


@dataclass
class Hit:
    kind: Kind
    object: object
    rank: float
    snippet: str = ""  # safe HTML, matches in <mark>

    @property
    def type(self):
        return self.kind.key

    @property
    def title(self):
        obj = self.object
        if self.kind.key == "quote":
            return "“" + Truncator(obj.text).words(30) + "”"
        if self.kind.key == "faq":
            return obj.question
        return getattr(obj, "title", None) or obj.name

    @property
    def html_url(self):
        return self.object.get_absolute_url()


def is_postgres(queryset_or_alias="default"):
    alias = getattr(queryset_or_alias, "db", queryset_or_alias)
    return connections[alias].vendor == "postgresql"


def clean_query(query):
    return re.sub(r"\s+", " ", (query or "").replace("\x00", "")).strip()[:MAX_QUERY_LENGTH]


# -- Base querysets: what is public, per kind -------------------------------------------------


def public(key):
    return {
        "briefing": lambda: m.Briefing.objects.published(),
        "quote": lambda: m.Quote.objects.published(),
        "faq": lambda: m.FAQEntry.objects.published(),
        "actor": lambda: m.Actor.objects.public(),
        "topic": lambda: m.Topic.objects.all(),
        "place": lambda: m.Place.objects.all(),
    }[key]()


def apply_filters(key, queryset, filters):
    briefings = m.Briefing.objects.published()
    if key == "briefing":
        if filters.topic:
            queryset = queryset.filter(topics__slug=filters.topic)
        if filters.place:
            queryset = queryset.filter(places__slug=filters.place)
        if filters.year:
            queryset = queryset.filter(published_at__year=filters.year)
    elif key == "quote":
        if filters.topic:
            queryset = queryset.used_in(briefings.filter(topics__slug=filters.topic))
        if filters.place:
            queryset = queryset.used_in(briefings.filter(places__slug=filters.place))
        if filters.year:
            queryset = queryset.filter(said_on__year=filters.year)
        if filters.speaker:
            queryset = queryset.filter(speaker__slug=filters.speaker)
    elif key == "faq" and filters.topic:
        queryset = queryset.filter(topics__slug=filters.topic)
    return queryset


# -- Matching and ranking -----------------------------------------------------------------------


class Backend:
    """The plain match: every word of the query, anywhere in the kind's text fields."""

    fields = {
        "briefing": ("title", "standfirst", "body"),
        "quote": ("text", "speaker__name", "occasion", "attributed_as"),
        "faq": ("question", "answer"),
        "actor": ("name", "short_description", "aliases__name"),
        "topic": ("name", "description"),
        "place": ("name",),
    }
    title_field = {
        "briefing": "title",
        "quote": "text",
        "faq": "question",
        "actor": "name",
        "topic": "name",
        "place": "name",
    }

    def __init__(self, query):
        self.query = query
        self.words, self.excluded = [], []
        for minus, phrase, word in re.findall(r'(-?)(?:"([^"]+)"|([^\s"]+))', query):
            term = (phrase or word).strip().strip('"')
            if not term or (word and term.lower() == "or"):
                continue
            (self.excluded if minus else self.words).append(term)
        self.words, self.excluded = self.words[:12], self.excluded[:12]

    @cached_property
    def alternatives(self):
        return self.other_names(self.query) if self.words else []

    @staticmethod
    def other_names(query):
        """When the query is an actor's name or alias, the actor's other names (one query)."""
        plain = query.strip('"').strip()
        if len(plain) < 3:
            return []
        # By name or by alias, each through its own index (an OR of the two reads every actor).
        actors = m.Actor.objects.filter(
            pk__in=m.Actor.objects.filter(name__iexact=plain)
            .order_by()
            .values("pk")
            .union(m.ActorAlias.objects.filter(name__iexact=plain).order_by().values("actor_id"))
        )
        aliases = (
            m.ActorAlias.objects.filter(actor__in=actors).order_by().values_list("name", Value(""))
        )
        names = set()
        for name, kind in actors.order_by().values_list("name", "kind").union(aliases, all=True):
            names.add(name)
            if kind == m.Actor.Kind.PERSON and len(name.split()[-1]) >= 4:
                names.add(name.split()[-1])  # texts name people by surname: "Zelensky"
        return sorted(name for name in names if name.casefold() != plain.casefold())[:8]

    @staticmethod
    def candidates(key):
        """The public rows of `key` that a search may match."""
        return public(key)

    def any_field(self, key, term):
        condition = Q()
        for name in self.fields[key]:
            if name == "aliases__name":
                aliases = m.ActorAlias.objects.filter(actor=OuterRef("pk"), name__icontains=term)
                condition |= Exists(aliases)
            else:
                condition |= Q(**{f"{name}__icontains": term})
        return condition

    def match(self, key, queryset):
        if not self.words:
            return queryset.none()
        condition = Q()
        for word in self.words:
            condition &= self.any_field(key, word)
        for name in self.alternatives:
            condition |= self.any_field(key, name)
        for word in self.excluded:
            condition &= ~self.any_field(key, word)
        title = self.title_field[key]
        return queryset.filter(condition).annotate(
            rank=Case(
                When(**{f"{title}__iexact": self.query}, then=Value(3.0)),
                When(**{f"{title}__icontains": self.query}, then=Value(2.0)),
                default=Value(1.0),
                output_field=FloatField(),
            )
        )

    def snippets(self, key, objects):
        for obj in objects:
            text = snippet_source(key, obj)
            yield obj.pk, plain_snippet(text, self.words + self.alternatives)

    def suggestion(self):
        return ""


def snippet_source(key, obj):
    return {
        "briefing": lambda: f"{obj.standfirst}\n{obj.body}",
        "quote": lambda: obj.text,
        "faq": lambda: obj.answer,
        "actor": lambda: obj.bio,
        "topic": lambda: obj.description,
        "place": lambda: obj.get_kind_display(),
    }[key]()


_MARKDOWN = re.compile(r"\]\([^)]*\)|^#{1,6}\s*|^>\s?|[*_`\[\]]+|^\s*[-+]\s+|\|", re.M)


def strip_markdown(text):
    return re.sub(r"\s+", " ", _MARKDOWN.sub(" ", text or "")).strip()


def marked_html(text):
    """Text with matches between the snippet markers, as safe HTML with <mark>."""
    text = strip_markdown(text)
    html = escape(text).replace(SNIPPET_START, "<mark>").replace(SNIPPET_STOP, "</mark>")
    return mark_safe(html)


def plain_snippet(text, words, width=220):
    text = strip_markdown(text)
    lowered = text.lower()
    positions = [lowered.find(w.lower()) for w in words if lowered.find(w.lower()) >= 0]
    start = max(0, min(positions) - width // 3) if positions else 0
    window = text[start : start + width]
    if start:
        window = "…" + window.split(" ", 1)[-1]
    if start + width < len(text):
        window = window.rsplit(" ", 1)[0] + "…"
    if words:
        pattern = re.compile("|".join(re.escape(w) for w in words), re.I)
        window = pattern.sub(lambda match: SNIPPET_START + match.group(0) + SNIPPET_STOP, window)
    return marked_html(window)


class PostgresBackend(Backend):
    """Stored vectors, websearch syntax, weighted ranks, headlines and trigram names."""

    headline_fields = {
        "quote": ("text",),
        "faq": ("answer",),
        "actor": ("bio",),
        "topic": ("description",),
        "place": ("name",),
    }
    fuzzy_names = {"actor", "topic", "place"}

    def __init__(self, query):
        super().__init__(query)
        self.config = settings.SEARCH_CONFIG
        self._alias_actors = None
        self._fuzzy = {}
        self._plain = re.sub(r'["()]|(^|\s)-\S+|\bor\b', " ", query, flags=re.I).strip()

    @cached_property
    def tsquery(self):
        tsquery = SearchQuery(self.query, search_type="websearch", config=self.config)
        for name in self.alternatives:
            tsquery |= SearchQuery(name, search_type="phrase", config=self.config)
        return tsquery

    def recency(self, key):
        dated = {"briefing": (m.Briefing, "published_at"), "quote": (m.Quote, "said_on")}
        if key not in dated:
            return Value(1.0)
        model, field_name = dated[key]
        column = f"{model._meta.db_table}.{field_name}"
        # 2 for today, 1.5 a year ago, 1.25 three years ago; 1 without a date.
        return RawSQL(
            f"1 + coalesce(1 / (1 + greatest(0, extract(epoch from now() - {column})) "
            "/ 31557600.0), 0)",
            [],
            output_field=FloatField(),
        )

    def match(self, key, queryset):
        if not self.words and not self._plain:
            return queryset.none()
        matches = Q(search_vector=self.tsquery)
        if key == "briefing":
            # Ranked on title, standfirst, topics and places: the body's vector is large and
            # reading it for every match costs more than the whole search may take. A match in
            # the body alone ranks by date.
            rank = SearchRank(F("search_head"), self.tsquery, cover_density=True, normalization=1)
            rank = rank + Value(0.01)
        else:
            rank = SearchRank(F("search_vector"), self.tsquery, cover_density=True, normalization=1)
        if key in self.fuzzy_names and self.fuzzy(key):
            matches |= Q(name__trigram_similar=self._plain) | Q(
                name__trigram_word_similar=self._plain
            )
            similarity = Greatest(
                TrigramSimilarity("name", self._plain), TrigramWordSimilarity(self._plain, "name")
            )
            if key == "actor":
                matches |= Q(pk__in=self.actors_by_alias())
                similarity = Greatest(similarity, Value(NAME_SIMILARITY))
            rank = Coalesce(rank, 0.0) + similarity * 0.5
        # A title or name that is the query itself comes first (quotes have no title).
        exact = Value(0.0)
        if key != "quote":
            exact = Case(
                When(**{f"{self.title_field[key]}__iexact": self._plain}, then=Value(1.0)),
                default=Value(0.0),
                output_field=FloatField(),
            )
        return queryset.filter(matches).annotate(rank=(rank + exact) * self.recency(key))

    def fuzzy(self, key):
        """Whether to look for names like the query: only when no name or text matches it as
        written (a misspelling), and never for long queries, which are not names."""
        if not 3 <= len(self._plain) <= 60 or len(self._plain.split()) > 4:
            return False
        if key != "actor":
            return True  # topics and places are few: comparing every name costs nothing
        if key not in self._fuzzy:
            self._fuzzy[key] = not m.Actor.objects.filter(search_vector=self.tsquery).exists()
        return self._fuzzy[key]

    def actors_by_alias(self):
        """Actors with an alias like the query (one query, through the trigram index)."""
        if self._alias_actors is None:
            self._alias_actors = list(
                m.ActorAlias.objects.filter(
                    Q(name__trigram_similar=self._plain) | Q(name__trigram_word_similar=self._plain)
                ).values_list("actor_id", flat=True)[:50]
            )
        return self._alias_actors

    @staticmethod
    def candidates(key):
        # Quotes and FAQ entries carry when they became public (see vectors.py): no join.
        if key in ("quote", "faq"):
            model = m.Quote if key == "quote" else m.FAQEntry
            return model.objects.filter(search_public_from__lte=Now())
        return public(key)

    def snippets(self, key, objects):
        if not objects:
            return
        if key == "briefing":
            # ts_headline parses the whole text: for twenty briefing bodies that is most of a
            # search's time. The words themselves are found as well in Python.
            yield from super().snippets(key, objects)
            return
        fields = [F(name) for name in self.headline_fields[key]]
        if len(fields) > 1:
            source = Concat(fields[0], Value("\n"), fields[1], output_field=TextField())
        else:
            source = fields[0]
        # A quote is short and shown whole; longer texts give their best passages.
        whole = key == "quote"
        options = (
            {"highlight_all": True}
            if whole
            else {
                "max_words": 35,
                "min_words": 15,
                "max_fragments": 2,
                "fragment_delimiter": " … ",
            }
        )
        rows = (
            type(objects[0])
            .objects.filter(pk__in=[o.pk for o in objects])
            .annotate(
                snippet=SearchHeadline(
                    Left(source, 20000),
                    self.tsquery,
                    config=self.config,
                    start_sel=SNIPPET_START,
                    stop_sel=SNIPPET_STOP,
                    **options,
                )
            )
        )
        for pk, snippet in rows.values_list("pk", "snippet"):
            if not whole and snippet and snippet.rstrip()[-1:] not in ".?!…":
                snippet = snippet.rstrip() + " …"
            yield pk, marked_html(snippet)

    def suggestion(self):
        """The nearest actor name, alias, topic or place to a query that found nothing."""
        if len(self._plain) < 3:
            return ""
        candidates = None
        public_aliases = m.ActorAlias.objects.filter(actor__in=public("actor"))
        for rows in (public("actor"), public_aliases, public("topic"), public("place")):
            names = (
                rows.annotate(
                    similarity=Greatest(
                        TrigramSimilarity("name", self._plain),
                        TrigramWordSimilarity(self._plain, "name"),
                    )
                )
                .filter(similarity__gte=NAME_SIMILARITY)
                .values_list("name", "similarity")
            )
            candidates = names if candidates is None else candidates.union(names, all=True)
        best = candidates.order_by("-similarity", "name")[:1]
        for name, _ in best:
            if name.casefold() != self._plain.casefold():
                return name
        return ""


def backend_for(query, using="default"):
    return PostgresBackend(query) if is_postgres(using) else Backend(query)


# -- Results ------------------------------------------------------------------------------------


@dataclass
class SearchResults:
    """Hits of every kind, ranked together; sliceable and countable like a queryset."""

    query: str
    filters: Filters = field(default_factory=Filters)

    def __post_init__(self):
        self.query = clean_query(self.query)
        self.backend = backend_for(self.query)
        self._matches = {}
        self._rows, self._fetched = None, 0
        # How many of the best results the first query fetches: a page's worth, or more when
        # the caller knows it will show a later page (see `prefetch`).
        self.window = 20

    def prefetch(self, stop):
        """Fetch enough rows for results up to `stop` with the counts, in one query."""
        self.window = max(self.window, stop)
        return self

    def matches(self, key, filters=None):
        filters = filters or self.filters
        cache_key = (key, filters.topic, filters.place, filters.year, filters.speaker)
        if cache_key not in self._matches:
            queryset = apply_filters(key, self.backend.candidates(key), filters)
            self._matches[cache_key] = self.backend.match(key, queryset)
        return self._matches[cache_key]

    def applicable(self):
        """The kinds that carry the active filters, whatever the `type` filter asks for."""
        return [key for key in KINDS if self.filters.active() <= KINDS[key].filters]

    def _fetch(self, stop):
        """For each kind: its total and its best `stop` rows (one row for kinds not asked
        for, which only need their total). One UNION query where the database allows it."""
        stop = max(stop, self.window)
        if self._rows is not None and self._fetched >= stop:
            return
        key = self.cache_key(stop)
        if key and (rows := cache.get(key)) is not None:
            self._rows, self._fetched = rows, stop
            return
        wanted = set(self.filters.kinds())
        parts = (
            [
                self.matches(key)
                .annotate(
                    hit_kind=Value(key),
                    hit_id=F("pk"),
                    hit_rank=F("rank"),
                    hit_total=Window(Count("pk")),
                )
                .order_by("-hit_rank", "hit_id")
                .values_list("hit_kind", "hit_id", "hit_rank", "hit_total")[
                    : stop if key in wanted else 1
                ]
                for key in self.applicable()
            ]
            if self.query
            else []
        )
        if not parts:
            rows = []
        elif connections[parts[0].db].features.supports_slicing_ordering_in_compound:
            rows = list(parts[0].union(*parts[1:], all=True)) if len(parts) > 1 else list(parts[0])
        else:
            rows = [row for part in parts for row in part]
        self._rows, self._fetched = rows, stop
        if key:
            cache.set(key, rows, settings.SEARCH_CACHE_SECONDS)

    def cache_key(self, part):
        """Where a part of this search (its best `part` rows, or "facets") is cached, if it is.

        Only on PostgreSQL, whose vector refreshes bump a generation number after every commit
        that changes what search sees (see vectors.py): a cached answer is never older than the
        last such commit in this cache. The rows are ids and ranks; the objects are loaded
        through `published()` every time, so even a stale entry cannot show a draft.
        """
        if not settings.SEARCH_CACHE_SECONDS or not isinstance(self.backend, PostgresBackend):
            return None
        f = self.filters
        text = "\x1f".join(
            map(str, (self.query, f.types, f.topic, f.place, f.year, f.speaker, part))
        )
        return f"search:{vectors.generation()}:{hashlib.sha256(text.encode()).hexdigest()}"

    def type_counts(self):
        """Matches per kind (with every filter but `type`)."""
        self._fetch(self.window)
        totals = dict.fromkeys(self.applicable(), 0)
        totals.update({key: total for key, _, _, total in self._rows})
        return totals

    def count(self):
        counts = self.type_counts()
        return sum(counts.get(key, 0) for key in self.filters.kinds())

    def __len__(self):
        return self.count()

    def __bool__(self):
        return self.count() > 0

    def __getitem__(self, item):
        if isinstance(item, int):
            return self[item : item + 1][0]
        start, stop = item.start or 0, item.stop
        wanted = set(self.filters.kinds())
        if stop is None:
            stop = self.count()
        if not self.query or not wanted or stop <= start:
            return []
        self._fetch(stop)
        ranked = sorted(
            (row for row in self._rows if row[0] in wanted),
            key=lambda row: (-(row[2] or 0.0), row[0], row[1]),
        )
        return self.hits([row[:3] for row in ranked[start:stop]])

    def hits(self, rows):
        by_kind = {}
        for key, pk, _ in rows:
            by_kind.setdefault(key, []).append(pk)
        objects, snippets = {}, {}
        for key, pks in by_kind.items():
            found = list(loaders[key]().filter(pk__in=pks))
            objects.update({(key, obj.pk): obj for obj in found})
            snippets.update({(key, pk): html for pk, html in self.backend.snippets(key, found)})
        return [
            Hit(KINDS[key], objects[key, pk], rank or 0.0, snippets.get((key, pk), ""))
            for key, pk, rank in rows
            if (key, pk) in objects
        ]

    # Facets: counts of what each choice would show, with the other filters applied.

    def facets(self):
        """Counts per type, topic, place, year and speaker, for links that add that filter."""
        if not self.query:
            return {}
        key = self.cache_key("facets")
        if key and (facets := cache.get(key)) is not None:
            return facets
        facets = self.compute_facets()
        if key:
            cache.set(key, facets, settings.SEARCH_CACHE_SECONDS)
        return facets

    def compute_facets(self):
        kinds = set(self.filters.kinds())
        facets = {
            "type": [
                {"kind": key, "label": KINDS[key].plural, "count": n}
                for key, n in self.type_counts().items()
                if n
            ]
        }
        totals = {"topic": {}, "place": {}, "year": {}, "speaker": {}}

        def add(name, rows):
            for value, label, n in rows:
                if value is not None:
                    totals[name].setdefault(value, [label, 0])[1] += n

        if "briefing" in kinds:
            briefings = self.matches("briefing").values("pk")
            add("topic", grouped(m.Topic.objects.filter(briefings__in=briefings), "briefings"))
            add("place", grouped(m.Place.objects.filter(briefings__in=briefings), "briefings"))
            add("year", by_year(self.matches("briefing"), "published_at"))
        if "quote" in kinds:
            quotes = self.matches("quote")
            add("year", by_year(quotes, "said_on"))
            add(
                "speaker",
                quotes.order_by()
                .values("speaker__slug", "speaker__name")
                .annotate(n=Count("pk"))
                .values_list("speaker__slug", "speaker__name", "n"),
            )
        if "faq" in kinds:
            faqs = self.matches("faq").values("pk")
            add("topic", grouped(m.Topic.objects.filter(faq_entries__in=faqs), "faq_entries"))
        for name, values in totals.items():
            if name == "year":
                facets[name] = [
                    {"year": year, "count": n}
                    for year, (_, n) in sorted(values.items(), reverse=True)
                ]
            else:
                ordered = sorted(values.items(), key=lambda item: (-item[1][1], item[1][0]))
                facets[name] = [
                    {"slug": slug, "name": label, "count": n} for slug, (label, n) in ordered[:12]
                ]
        return facets

    def suggestion(self):
        """A spelling to try when no text matched (names may have matched by similarity)."""
        if not self.query:
            return ""
        counts = self.type_counts()
        if any(counts.get(key) for key in ("briefing", "quote", "faq")):
            return ""
        return self.backend.suggestion()


def by_year(queryset, date_field):
    return (
        queryset.order_by()
        .annotate(value=ExtractYear(date_field))
        .values("value")
        .annotate(n=Count("pk"))
        .values_list("value", "value", "n")
    )


def grouped(queryset, relation):
    return (
        queryset.order_by()
        .values("slug", "name")
        .annotate(n=Count(relation, distinct=True))
        .values_list("slug", "name", "n")
    )


# The page's rows are loaded through the one definition of public, whatever matched them.
loaders = {
    "briefing": lambda: (
        m.Briefing.objects.published()
        .defer("body_html", "body_toc", "search_vector", "search_head")
        .prefetch_related("topics")
    ),
    "quote": lambda: m.Quote.objects.published().with_attribution(),
    "faq": lambda: m.FAQEntry.objects.published().select_related("briefing"),
    "actor": lambda: m.Actor.objects.public(),
    "topic": lambda: m.Topic.objects.all(),
    "place": lambda: m.Place.objects.all(),
}


def search(query, filters=None):
    return SearchResults(query, filters or Filters())


def filter_queryset(queryset, query):
    """Narrow one model's queryset to `query`, annotated with `rank` (the lists' `q`)."""
    query = clean_query(query)
    key = {
        m.Briefing: "briefing",
        m.Quote: "quote",
        m.FAQEntry: "faq",
        m.Actor: "actor",
        m.Topic: "topic",
        m.Place: "place",
    }[queryset.model]
    return backend_for(query, queryset.db).match(key, queryset)


__all__ = ["KINDS", "Filters", "Hit", "SearchResults", "filter_queryset", "search"]


# -- Autocomplete -------------------------------------------------------------------------------

AUTOCOMPLETE_ORDER = ("actor", "topic", "place", "briefing", "faq")


def autocomplete(text, limit=8):
    """Names and titles that start with what was typed: actors first, then topics, places,
    briefings and questions. Every word typed must begin a word of the name or title."""
    text = clean_query(text)
    words = re.findall(r"\w+", text)[:6]
    if not words or len(text) < 2:
        return []
    postgres = is_postgres()
    backend = PostgresBackend if postgres else Backend
    hits = []
    for key in AUTOCOMPLETE_ORDER:
        if key in ("briefing", "faq") and max(len(word) for word in words) < 3:
            continue  # two letters begin a word in most titles: wait for a third
        title = Backend.title_field[key]
        queryset = backend.candidates(key)
        if postgres:
            # Prefix lexemes in the title or name (weight A): a GIN index answers. Briefings
            # have a small vector of their own for this (title, standfirst, topics, places).
            raw = " & ".join(f"{word}:*A" for word in words)
            vector = "search_head" if key == "briefing" else "search_vector"
            condition = Q(
                **{vector: SearchQuery(raw, search_type="raw", config=settings.SEARCH_CONFIG)}
            )
        else:
            condition = Q()
            for word in words:
                condition &= Q(**{f"{title}__istartswith": word}) | Q(
                    **{f"{title}__icontains": f" {word}"}
                )
        order = ("-published_at",) if key == "briefing" else (title,)
        found = queryset.filter(condition).order_by(*order)[: limit - len(hits)]
        if key in ("quote", "faq"):
            # Matched on the stored publication time; shown only if public() agrees.
            found = loaders[key]().filter(pk__in=[obj.pk for obj in found])
        hits.extend(Hit(KINDS[key], obj, 1.0) for obj in found)
        if len(hits) >= limit:
            break
    return hits
