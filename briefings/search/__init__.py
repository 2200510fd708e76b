"""Search across the knowledge base: one engine for the search page, the API and every list's `q`.

`engine` ranks and highlights (PostgreSQL full text and trigrams; a plain match on SQLite);
`vectors` keeps PostgreSQL's stored search vectors fresh.
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
