"""Stored, weighted search vectors on PostgreSQL, and keeping them fresh.

Each searchable model has a `search_vector` column with a GIN index. One UPDATE per model
computes it from the row and whatever else feeds it (a briefing's topics and places, a quote's
speaker and the speaker's aliases), for some rows or for all of them:

    briefing  A title           B standfirst, topics, places   C body
    quote     A text            B speaker's name and aliases   C occasion, attribution, context
    faqentry  A question        B answer
    actor     A name, aliases   B short description            C bio
    topic     A name            B description
    place     A name            B ISO code

Briefings also store `search_head` (A and B only): small enough to rank without reading the
body's vector. Quotes and FAQ entries store `search_public_from`, the publication time of the first
published briefing using them (the Unix epoch for a general FAQ entry), so that search filters them
without a join; results are still loaded through `published()`, so a stale value hides, never leaks.

Saving anything that feeds a vector marks the rows concerned; after the transaction commits
they are recomputed together (`transaction.on_commit`), so a rolled-back save costs nothing
and a save of fifty inline rows costs one UPDATE per model. Bulk writes that bypass signals
(`bulk_create`, `QuerySet.update`) call `refresh()` or `rebuild_search_vectors()` themselves.
"""

import threading

from django.conf import settings
from django.db import connections, transaction

from briefings import models as m
from briefings.generations import Generation

# SQL per model label: `{cfg}` is the text search configuration, `{where}` the row filter.
# Table names come from the models so that the statements follow the schema.


def _statements():
    t = {
        model.__name__: model._meta.db_table
        for model in (m.Briefing, m.Quote, m.FAQEntry, m.Actor, m.ActorAlias, m.Topic, m.Place)
    }
    briefing_topics = m.Briefing.topics.through._meta.db_table
    briefing_places = m.Briefing.places.through._meta.db_table
    briefing_quotes = m.BriefingQuote._meta.db_table

    def names_of(alias_table, owner):
        return (
            f"coalesce((SELECT string_agg(a.name, ' ') FROM {alias_table} a "
            f"WHERE a.actor_id = {owner}), '')"
        )

    return {
        "briefing": f"""
            UPDATE {t["Briefing"]} AS b SET (search_head, search_vector) = (
                SELECT head, head || setweight(to_tsvector({{cfg}}, b.body), 'C') FROM (
                    SELECT setweight(to_tsvector({{cfg}}, b.title), 'A')
                    || setweight(to_tsvector({{cfg}}, b.standfirst || ' '
                        || coalesce((SELECT string_agg(x.name, ' ') FROM {t["Topic"]} x
                            JOIN {briefing_topics} bt ON bt.topic_id = x.id
                            WHERE bt.briefing_id = b.id), '') || ' '
                        || coalesce((SELECT string_agg(x.name, ' ') FROM {t["Place"]} x
                            JOIN {briefing_places} bp ON bp.place_id = x.id
                            WHERE bp.briefing_id = b.id), '')), 'B') AS head
                ) AS h
            )
            {{where}}""",
        "quote": f"""
            UPDATE {t["Quote"]} AS q SET search_vector =
                setweight(to_tsvector({{cfg}}, q.text), 'A')
                || setweight(to_tsvector({{cfg}}, s.name || ' '
                    || {names_of(t["ActorAlias"], "s.id")}), 'B')
                || setweight(to_tsvector({{cfg}},
                    q.occasion || ' ' || q.attributed_as || ' ' || q.context), 'C'),
                search_public_from = (
                    SELECT min(b.published_at) FROM {briefing_quotes} bq
                    JOIN {t["Briefing"]} b ON b.id = bq.briefing_id
                    WHERE bq.quote_id = q.id AND b.status = 'published'
                )
            FROM {t["Actor"]} s WHERE s.id = q.speaker_id {{and_where}}""",
        "faqentry": f"""
            UPDATE {t["FAQEntry"]} AS f SET search_vector =
                setweight(to_tsvector({{cfg}}, f.question), 'A')
                || setweight(to_tsvector({{cfg}}, f.answer), 'B'),
                search_public_from = CASE WHEN f.briefing_id IS NULL THEN 'epoch'::timestamptz
                    ELSE (SELECT b.published_at FROM {t["Briefing"]} b
                        WHERE b.id = f.briefing_id AND b.status = 'published') END
            {{where}}""",
        "actor": f"""
            UPDATE {t["Actor"]} AS r SET search_vector =
                setweight(to_tsvector({{cfg}}, r.name || ' '
                    || {names_of(t["ActorAlias"], "r.id")}), 'A')
                || setweight(to_tsvector({{cfg}}, r.short_description), 'B')
                || setweight(to_tsvector({{cfg}}, r.bio), 'C')
            {{where}}""",
        "topic": f"""
            UPDATE {t["Topic"]} AS o SET search_vector =
                setweight(to_tsvector({{cfg}}, o.name), 'A')
                || setweight(to_tsvector({{cfg}}, o.description), 'B')
            {{where}}""",
        "place": f"""
            UPDATE {t["Place"]} AS p SET search_vector =
                setweight(to_tsvector({{cfg}}, p.name), 'A')
                || setweight(to_tsvector({{cfg}}, p.iso_code), 'B')
            {{where}}""",
    }


ALIAS = {"briefing": "b", "quote": "q", "faqentry": "f", "actor": "r", "topic": "o", "place": "p"}
KINDS = tuple(ALIAS)


def search_config():
    return settings.SEARCH_CONFIG


def is_postgres(using="default"):
    return connections[using].vendor == "postgresql"


def refresh(kind, ids=None, using="default"):
    """Recompute the vectors of `kind` rows with these ids (all rows when `ids` is None)."""
    if not is_postgres(using):
        return 0
    sql = _statements()[kind]
    alias = ALIAS[kind]
    params = [search_config()] * sql.count("{cfg}")
    if ids is None:
        where, and_where = "", ""
    else:
        ids = sorted(set(ids))
        if not ids:
            return 0
        where, and_where = f"WHERE {alias}.id = ANY(%s)", f"AND {alias}.id = ANY(%s)"
        params.append(ids)
    sql = sql.replace("{cfg}", "%s::regconfig").format(where=where, and_where=and_where)
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        updated = cursor.rowcount
    bump_generation()
    return updated


# A number that changes whenever stored vectors change: cached searches key on it.
_generation = Generation("search:generation")
generation = _generation.current
bump_generation = _generation.bump


def rebuild_search_vectors(using="default"):
    """Recompute every vector: one statement per model. Returns rows updated per kind."""
    with transaction.atomic(using=using):
        return {kind: refresh(kind, using=using) for kind in KINDS}


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
    """Refresh these rows' vectors after the current transaction commits (now, outside one)."""
    ids = {pk for pk in ids if pk is not None}
    if not ids or not is_postgres(using):
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
