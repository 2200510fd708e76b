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
tolerance. `filter_queryset()` gives each model's `search()` the same engine. On both, a query
without a word to look for (only `-word`, `or`, quotes or punctuation) finds nothing, and
`SearchResults.hint` says what to add.

What each kind is searched by, shown with and narrowed by comes from its declaration in
`registry.py`; this module only says how.
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
    Q,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat, Greatest, Left, Now, Replace
from django.utils.html import escape
from django.utils.safestring import mark_safe

from briefings import models as m

from . import vectors
from .paths import is_many, related
from .registry import FILTERS, KINDS, Kind, kind_of

MAX_QUERY_LENGTH = 200
# Matches are marked with these in a snippet's text, and the marks become <mark> tags; the same
# characters in stored text are removed first, so that only the engine's marks become tags.
SNIPPET_START, SNIPPET_STOP = "\x02", "\x03"
NOTHING_TO_SEARCH = (
    "Your search has only operators, quotes or words to leave out (with a minus); "
    "add a word to search for."
)
# Trigram similarity at or above this finds a misspelt name ("Makron" → "Macron").
NAME_SIMILARITY = 0.3
WORD_SIMILARITY = 0.5


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
        return self.kind.title_of(self.object)

    @property
    def html_url(self):
        return self.object.get_absolute_url()


def is_postgres(queryset_or_alias="default"):
    alias = getattr(queryset_or_alias, "db", queryset_or_alias)
    return connections[alias].vendor == "postgresql"


def clean_query(query):
    return re.sub(r"\s+", " ", (query or "").replace("\x00", "")).strip()[:MAX_QUERY_LENGTH]


def apply_filters(kind, queryset, filters):
    """`queryset` narrowed by the active filters, each as the kind's facet of that name says."""
    facets = {facet.name: facet for facet in kind.facets}
    for name in FILTERS:
        value = getattr(filters, name)
        if value and name in facets:
            queryset = facets[name].narrow(kind, queryset, value)
    return queryset


# -- Matching and ranking -----------------------------------------------------------------------


def contains(model, path, term):
    """A condition: the text at `path` contains `term`, ignoring case."""
    if not is_many(model, path):
        return Q(**{f"{path}__icontains": term})
    # One of many (an actor's aliases): EXISTS, so that a row matching twice is found once.
    found = related(model, path)
    return Exists(found.rows.filter(**{f"{found.rest}__icontains": term}))


class Backend:
    """The plain match: every word of the query, anywhere in the kind's SQLite fields."""

    def __init__(self, query):
        self.query = query
        self.words, self.excluded = [], []
        for minus, phrase, word in re.findall(r'(-?)(?:"([^"]+)"|([^\s"]+))', query):
            term = (phrase or word).strip().strip('"')
            # A term without a letter or digit ("-", "*", "&") is an operator, not a word.
            if not re.search(r"\w", term) or (word and term.lower() == "or"):
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
    def candidates(kind):
        """The public rows of `kind` that a search may match."""
        return kind.public()

    def any_field(self, kind, term):
        condition = Q()
        for declared in kind.fields:
            if declared.sqlite:
                condition |= contains(kind.model, declared.path, term)
        return condition

    @staticmethod
    def nothing(queryset):
        """No rows, annotated like a match: a query without a word to look for finds nothing."""
        return queryset.none().annotate(rank=Value(0.0, output_field=FloatField()))

    def match(self, kind, queryset):
        if not self.words:
            return self.nothing(queryset)
        condition = Q()
        for word in self.words:
            condition &= self.any_field(kind, word)
        for name in self.alternatives:
            condition |= self.any_field(kind, name)
        for word in self.excluded:
            condition &= ~self.any_field(kind, word)
        # The heaviest field (a title, name, question or a quote's text) ranks a match first.
        first = min(kind.fields, key=lambda declared: declared.weight).path
        return queryset.filter(condition).annotate(
            rank=Case(
                When(**{f"{first}__iexact": self.query}, then=Value(3.0)),
                When(**{f"{first}__icontains": self.query}, then=Value(2.0)),
                default=Value(1.0),
                output_field=FloatField(),
            )
        )

    def snippets(self, kind, objects):
        for obj in objects:
            yield obj.pk, plain_snippet(kind.snippet.text(obj), self.words + self.alternatives)

    def suggestion(self):
        return ""


# Markdown's markup, in linear time over any text: each part either always matches once started
# or gives up within the few characters it started on (a link's destination stops at the next
# parenthesis it cannot pair; a list marker is looked for only in the line's own indent).
_MARKDOWN = re.compile(
    r"\[quote:\d{1,12}\]"  # a quote placed in the body: shown as a card, not as words
    r"|\]\((?:[^()]|\([^()]*\))*\)|^#{1,6}\s*|^>\s?|[*_`\[\]]+|^[ \t]*[-+]\s+|\|",
    re.M,
)
_NO_MARKS = str.maketrans("", "", SNIPPET_START + SNIPPET_STOP)


def strip_markdown(text):
    return re.sub(r"\s+", " ", _MARKDOWN.sub(" ", text or "")).strip()


def unmarked(text):
    """Stored text without the snippet markers' characters, whatever it holds."""
    return (text or "").translate(_NO_MARKS)


def marked_html(text):
    """Text with matches between the snippet markers, as safe HTML with <mark>."""
    text = strip_markdown(text)
    html = escape(text).replace(SNIPPET_START, "<mark>").replace(SNIPPET_STOP, "</mark>")
    return mark_safe(html)


def plain_snippet(text, words, width=220):
    text = strip_markdown(unmarked(text))
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

    def __init__(self, query):
        super().__init__(query)
        self.config = settings.SEARCH_CONFIG
        self._alias_rows = {}
        self._fuzzy = {}
        self._plain = re.sub(r'["()]|(^|\s)-\S+|\bor\b', " ", query, flags=re.I).strip()

    @cached_property
    def tsquery(self):
        tsquery = SearchQuery(self.query, search_type="websearch", config=self.config)
        for name in self.alternatives:
            tsquery |= SearchQuery(name, search_type="phrase", config=self.config)
        return tsquery

    @staticmethod
    def recency(kind):
        if not kind.date:
            return Value(1.0)
        column = f"{kind.model._meta.db_table}.{kind.model._meta.get_field(kind.date).column}"
        # 2 for today, 1.5 a year ago, 1.25 three years ago; 1 without a date.
        return RawSQL(
            f"1 + coalesce(1 / (1 + greatest(0, extract(epoch from now() - {column})) "
            "/ 31557600.0), 0)",
            [],
            output_field=FloatField(),
        )

    def match(self, kind, queryset):
        if not self.words:
            return self.nothing(queryset)
        matches = Q(search_vector=self.tsquery)
        rank = SearchRank(F(kind.ranked_on), self.tsquery, cover_density=True, normalization=1)
        if kind.head:
            # Ranked on the head (a briefing's title, standfirst, topics and places): the body's
            # vector is large and reading it for every match costs more than the whole search
            # may take. A match in the body alone ranks by date.
            rank = rank + Value(0.01)
        names = kind.names
        if names and self.fuzzy(kind):
            matches |= Q(**{f"{names.field}__trigram_similar": self._plain}) | Q(
                **{f"{names.field}__trigram_word_similar": self._plain}
            )
            similarity = Greatest(
                TrigramSimilarity(names.field, self._plain),
                TrigramWordSimilarity(self._plain, names.field),
            )
            if names.aliases:
                matches |= Q(pk__in=self.rows_by_alias(kind))
                similarity = Greatest(similarity, Value(NAME_SIMILARITY))
            rank = Coalesce(rank, 0.0) + similarity * 0.5
        # A title or name that is the query itself comes first (quotes have no title).
        exact = Value(0.0)
        if kind.title:
            exact = Case(
                When(**{f"{kind.title}__iexact": self._plain}, then=Value(1.0)),
                default=Value(0.0),
                output_field=FloatField(),
            )
        return queryset.filter(matches).annotate(rank=(rank + exact) * self.recency(kind))

    def fuzzy(self, kind):
        """Whether to look for names like the query: only when no name or text matches it as
        written (a misspelling), and never for long queries, which are not names."""
        if not 3 <= len(self._plain) <= 60 or len(self._plain.split()) > 4:
            return False
        if not kind.names.many:
            return True  # few rows: comparing every name costs nothing
        if kind.key not in self._fuzzy:
            self._fuzzy[kind.key] = not kind.model.objects.filter(
                search_vector=self.tsquery
            ).exists()
        return self._fuzzy[kind.key]

    def rows_by_alias(self, kind):
        """Rows with an alias like the query (one query, through the trigram index)."""
        if kind.key not in self._alias_rows:
            relation = kind.model._meta.get_field(kind.names.aliases)
            field = kind.names.field
            self._alias_rows[kind.key] = list(
                relation.related_model.objects.filter(
                    Q(**{f"{field}__trigram_similar": self._plain})
                    | Q(**{f"{field}__trigram_word_similar": self._plain})
                ).values_list(relation.field.attname, flat=True)[:50]
            )
        return self._alias_rows[kind.key]

    @staticmethod
    def candidates(kind):
        # Quotes and FAQ entries carry when they became public (see vectors.py): no join.
        if kind.public_from:
            return kind.model.objects.filter(search_public_from__lte=Now())
        return kind.public()

    def snippets(self, kind, objects):
        if not objects:
            return
        if not kind.snippet.headline:
            # The words themselves are found as well in Python.
            yield from super().snippets(kind, objects)
            return
        fields = [F(name) for name in kind.snippet.fields]
        source = fields[0]
        if len(fields) > 1:
            lines = [fields[0]]
            for line in fields[1:]:
                lines += [Value("\n"), line]
            source = Concat(*lines, output_field=TextField())
        # A quote is short and shown whole; longer texts give their best passages.
        whole = kind.snippet.whole
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
        source = Left(source, 20000)
        # The markers' characters in stored text are dropped, so the headline's are the only ones.
        for marker in (SNIPPET_START, SNIPPET_STOP):
            source = Replace(source, Value(marker), Value(""))
        rows = kind.model.objects.filter(pk__in=[o.pk for o in objects]).annotate(
            snippet=SearchHeadline(
                source,
                self.tsquery,
                config=self.config,
                start_sel=SNIPPET_START,
                stop_sel=SNIPPET_STOP,
                **options,
            )
        )
        for pk, snippet in rows.values_list("pk", "snippet"):
            if not whole and snippet and snippet.rstrip()[-1:] not in ".?!…":
                snippet = snippet.rstrip() + " …"
            yield pk, marked_html(snippet)

    def suggestion(self):
        """The nearest name or alias of an actor, topic or place to a query that found nothing."""
        if len(self._plain) < 3:
            return ""
        candidates = None
        for kind in KINDS.values():
            if not kind.names:
                continue
            public = kind.public()
            rows = [(public, kind.names.field)]
            if kind.names.aliases:
                relation = kind.model._meta.get_field(kind.names.aliases)
                aliases = relation.related_model.objects.filter(
                    **{f"{relation.field.name}__in": public}
                )
                rows.append((aliases, kind.names.field))
            for queryset, name in rows:
                names = (
                    queryset.annotate(
                        similarity=Greatest(
                            TrigramSimilarity(name, self._plain),
                            TrigramWordSimilarity(self._plain, name),
                        )
                    )
                    .filter(similarity__gte=NAME_SIMILARITY)
                    .values_list(name, "similarity")
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

    @property
    def searchable(self):
        """Whether the query has a word to look for (not only `-word`, `or` or quotes)."""
        return bool(self.backend.words)

    @property
    def hint(self):
        """What to change when the query has nothing to search for; empty otherwise."""
        return NOTHING_TO_SEARCH if self.query and not self.searchable else ""

    def prefetch(self, stop):
        """Fetch enough rows for results up to `stop` with the counts, in one query."""
        self.window = max(self.window, stop)
        return self

    def matches(self, key, filters=None):
        filters = filters or self.filters
        cache_key = (key, *(getattr(filters, name) for name in FILTERS))
        if cache_key not in self._matches:
            kind = KINDS[key]
            queryset = apply_filters(kind, self.backend.candidates(kind), filters)
            self._matches[cache_key] = self.backend.match(kind, queryset)
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
            if self.searchable
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
        values = (getattr(f, name) for name in FILTERS)
        text = "\x1f".join(map(str, (self.query, f.types, *values, part)))
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
        if not self.searchable or not wanted or stop <= start:
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
            kind = KINDS[key]
            found = list(kind.results().filter(pk__in=pks))
            objects.update({(key, obj.pk): obj for obj in found})
            snippets.update({(key, pk): html for pk, html in self.backend.snippets(kind, found)})
        return [
            Hit(KINDS[key], objects[key, pk], rank or 0.0, snippets.get((key, pk), ""))
            for key, pk, rank in rows
            if (key, pk) in objects
        ]

    # Facets: counts of what each choice would show, with the other filters applied.

    def facets(self):
        """Counts per type, topic, place, year and speaker, for links that add that filter."""
        if not self.searchable:
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
        totals = {name: {} for name in FILTERS}

        def add(name, rows):
            for value, label, n in rows:
                if value is not None:
                    totals[name].setdefault(value, [label, 0])[1] += n

        for key, kind in KINDS.items():
            if key in kinds:
                for facet in kind.facets:
                    add(facet.name, facet.count(kind, self.matches(key)))
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
        if not self.searchable:
            return ""
        counts = self.type_counts()
        # Names (actors, topics, places) may have matched by similarity alone; texts may not.
        if any(counts.get(key) for key, kind in KINDS.items() if not kind.names):
            return ""
        return self.backend.suggestion()


def search(query, filters=None):
    return SearchResults(query, filters or Filters())


def filter_queryset(queryset, query):
    """Narrow one model's queryset to `query`, annotated with `rank` (the lists' `q`)."""
    query = clean_query(query)
    return backend_for(query, queryset.db).match(kind_of(queryset.model), queryset)


__all__ = ["KINDS", "Filters", "Hit", "SearchResults", "filter_queryset", "search"]


# -- Autocomplete -------------------------------------------------------------------------------

# Kinds with a title, names (actors, topics, places) before texts (briefings, questions).
AUTOCOMPLETE_ORDER = tuple(
    sorted((key for key, kind in KINDS.items() if kind.title), key=lambda key: not KINDS[key].names)
)


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
        kind = KINDS[key]
        if not kind.names and max(len(word) for word in words) < 3:
            continue  # two letters begin a word in most titles: wait for a third
        title = kind.title
        queryset = backend.candidates(kind)
        if postgres:
            # Prefix lexemes of the title's weight: a GIN index answers. Briefings have a
            # small vector of their own for this (their head).
            weight = kind.weight_of(title)
            raw = " & ".join(f"{word}:*{weight}" for word in words)
            condition = Q(
                **{
                    kind.ranked_on: SearchQuery(
                        raw, search_type="raw", config=settings.SEARCH_CONFIG
                    )
                }
            )
        else:
            condition = Q()
            for word in words:
                condition &= Q(**{f"{title}__istartswith": word}) | Q(
                    **{f"{title}__icontains": f" {word}"}
                )
        order = (f"-{kind.date}",) if kind.date else (title,)
        found = queryset.filter(condition).order_by(*order)[: limit - len(hits)]
        if kind.public_from:
            # Matched on the stored publication time; shown only if public() agrees.
            found = kind.results().filter(pk__in=[obj.pk for obj in found])
        hits.extend(Hit(kind, obj, 1.0) for obj in found)
        if len(hits) >= limit:
            break
    return hits
