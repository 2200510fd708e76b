"""Pagination: page numbers for most lists, a cursor for quotes and for sync with updated_since."""

from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class CursorPagination(pagination.CursorPagination):
    """Deep pages cost what the first does: the next page starts after the last item seen."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = "-pk"


class SyncCursorPagination(CursorPagination):
    """Oldest change first, so a client stores the `next` link and resumes from it next time."""

    ordering = ("updated_at", "pk")
