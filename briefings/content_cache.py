"""Aggregates over the whole knowledge base, computed once per public change.

Facet counts and "key actors" count rows across every public briefing or quote, so their cost
grows with the corpus even though the number of queries does not (0.1–0.3 s at 10,000
briefings). Readers ask for the same few of them over and over, and they change only when the
public content does, so they are kept in the cache under the content generation of
`briefings.changes`: a public change (a save, delete or relation change readers could see)
retires every entry at once, and no entry outlives the next scheduled publication. `CONTENT_CACHE_SECONDS` (0 turns it off) bounds
their life otherwise.

Unlike the page cache this applies to every reader, signed in or not: the values are counts over
public content only, the same for everyone.
"""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache

from . import changes


def remember(name, parts, compute):
    """`compute()`, from the cache when the content has not changed since it was last computed.

    `parts` (anything JSON can write) says what the value depends on besides the content, such
    as a list's filters. The value must pickle: evaluate querysets into lists in `compute`.
    """
    seconds = settings.CONTENT_CACHE_SECONDS
    if seconds <= 0:
        return compute()
    current = changes.generation()
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()
    key = f"content:{name}:{digest[:32]}:{current}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, changes.timeout_within(seconds, current))
    return value
