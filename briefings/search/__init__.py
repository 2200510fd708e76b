"""Search across the knowledge base: one engine for the search page, the API and every list's `q`.

`registry` declares each searchable kind once (model, weighted fields, what is public, title,
snippet, links, facets); `engine` ranks and highlights from it (PostgreSQL full text and
trigrams; a plain match on SQLite); `vectors` builds PostgreSQL's stored search vectors from it
and `signals` keeps them fresh.
"""

from .engine import KINDS, Filters, Hit, SearchResults, filter_queryset, search
from .vectors import rebuild_search_vectors

__all__ = [
    "KINDS",
    "Filters",
    "Hit",
    "SearchResults",
    "filter_queryset",
    "rebuild_search_vectors",
    "search",
]
