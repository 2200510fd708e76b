"""Stored, weighted search vectors on PostgreSQL, built from the registry, and keeping them fresh.

Each searchable model has a `search_vector` column with a GIN index. One UPDATE per kind
computes it from the row and whatever else feeds it, for some rows or for all of them: one
`setweight(to_tsvector(…))` per weight over the kind's fields of that weight, in the order the
registry lists them, related names gathered by a subquery each (`registry.KINDS` has the
fields and weights; nothing here names one).

Briefings also store `search_head` (their `head` weights, A and B): small enough to rank without
reading the body's vector. Quotes and FAQ entries store `search_public_from`, the publication time
of the first published briefing using them (the Unix epoch for a general FAQ entry), so that search
filters them without a join; results are still loaded through `public`, so a stale value hides,
never leaks.

Saving anything that feeds a vector marks the rows concerned (`signals`); after the transaction
commits they are recomputed together (`transaction.on_commit`), so a rolled-back save costs nothing
and a save of fifty inline rows costs one UPDATE per kind. Bulk writes that bypass signals
(`bulk_create`, `QuerySet.update`) call `refresh()` or `rebuild_search_vectors()` themselves.
"""

import functools
import operator
import threading

from django.conf import settings
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.db import connections, transaction
from django.db.models import Case, DateTimeField, F, Min, Subquery, Value, When

from briefings import models as m
from briefings.generations import Generation

from .paths import join, related
from .registry import KINDS


def search_config():
    return settings.SEARCH_CONFIG


def is_postgres(using="default"):
    return connections[using].vendor == "postgresql"


def text(model, path):
    """The text at `path` from a `model` row, as an expression over that row.

    Several values (a briefing's topics, an actor's aliases) are read as one text, space-separated.
    """
    if "__" not in path:
        return F(path)
    found = related(model, path)
    if found.group is None:
        return Subquery(found.rows.order_by().values(found.rest))
    return Subquery(
        found.rows.order_by()
        .values(found.group)
        .annotate(text=StringAgg(found.rest, " "))
        .values("text")
    )


def weighted(kind, config):
    """{weight: the vector of the kind's fields of that weight}, heaviest first."""
    by_weight = {}
    for field in kind.fields:
        by_weight.setdefault(field.weight, []).append(text(kind.model, field.path))
    return {
        weight: SearchVector(*texts, config=config, weight=weight)
        for weight, texts in sorted(by_weight.items())
    }


def public_from(kind):
    """When the first published briefing reached through `kind.public_from.path` goes public.

    "Published" is the status alone, as in `Briefing.objects.published()`: the time is compared
    when searching (`search_public_from <= now()`), so that a scheduled briefing's quotes appear
    at its time without anything being written then.
    """
    path = kind.public_from.path
    found = related(kind.model, path)
    rows = found.rows.filter(**{join(found.rest, "status"): m.Briefing.Status.PUBLISHED})
    published_at = join(found.rest, "published_at")
    if found.group is None:
        first = Subquery(rows.order_by().values(published_at))
    else:
        first = Subquery(
            rows.order_by().values(found.group).annotate(at=Min(published_at)).values("at")
        )
    if not kind.public_from.general:
        return first
    return Case(
        When(**{f"{path}__isnull": True}, then=Value(kind.public_from.GENERAL_FROM)),
        default=first,
        output_field=DateTimeField(),
    )


def columns(kind, config=None):
    """{column: expression} for every stored search column of `kind`: what `refresh` writes."""
    parts = weighted(kind, config or search_config())
    values = {}
    if kind.head:
        # The head's parts come first, so that the full vector is the head plus the rest.
        head = functools.reduce(operator.add, (parts[weight] for weight in kind.head))
        rest = (part for weight, part in parts.items() if weight not in kind.head)
        values["search_head"] = head
        values["search_vector"] = functools.reduce(operator.add, rest, head)
    else:
        values["search_vector"] = functools.reduce(operator.add, parts.values())
    if kind.public_from:
        values["search_public_from"] = public_from(kind)
    return values


def refresh(kind, ids=None, using="default"):
    """Recompute the vectors of `kind` rows with these ids (all rows when `ids` is None)."""
    if not is_postgres(using):
        return 0
    kind = KINDS[kind] if isinstance(kind, str) else kind
    rows = kind.model._base_manager.using(using)
    if ids is not None:
        ids = sorted(set(ids))
        if not ids:
            return 0
        rows = rows.filter(pk__in=ids)
    updated = rows.update(**columns(kind))
    bump_generation()
    return updated


# A number that changes whenever stored vectors change: cached searches key on it.
_generation = Generation("search:generation")
generation = _generation.current
bump_generation = _generation.bump


def rebuild_search_vectors(using="default"):
    """Recompute every vector: one statement per kind. Returns rows updated per kind."""
    with transaction.atomic(using=using):
        return {key: refresh(kind, using=using) for key, kind in KINDS.items()}


# Marking rows after a save, and refreshing them once the transaction commits.

_pending = threading.local()


class _Batch:
    """Rows to refresh when one transaction commits."""

    def __init__(self, using):
        self.using = using
        self.ids = {}

    def __call__(self):
        for kind, ids in self.ids.items():
            refresh(kind, ids, using=self.using)


def in_transaction(connection):
    """Whether work on `connection` would be committed later rather than now."""
    return connection.in_atomic_block


def mark(kind, ids, using="default"):
    """Refresh these rows' vectors after the current transaction commits (now, outside one).

    `ids` may be a query: it is run at once (before a delete removes what it reads), and not
    at all where no vectors are stored.
    """
    if not is_postgres(using):
        return
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return
    connection = connections[using]
    if not in_transaction(connection):
        refresh(kind, ids, using=using)
        return
    batches = getattr(_pending, "batches", None)
    if batches is None:
        batches = _pending.batches = {}
    batch = batches.get(using)
    # A batch lives as long as its callback is queued: a rollback drops both.
    if batch is None or not any(func is batch for _, func, _ in connection.run_on_commit):
        batch = batches[using] = _Batch(using)
        transaction.on_commit(batch, using=using)
    batch.ids.setdefault(kind, set()).update(ids)
