"""Recompute every stored search vector, one UPDATE per model (PostgreSQL only)."""

import time

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections

from briefings.search import rebuild_search_vectors


class Command(BaseCommand):
    help = (
        "Recompute the search vectors of every briefing, quote, FAQ entry, actor, topic and place. "
        "Saves keep them fresh; run this after bulk loads that bypass saves, or after changing "
        "SEARCH_CONFIG."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, database, **options):
        if connections[database].vendor != "postgresql":
            self.stdout.write(
                "Nothing to rebuild: this database searches with a plain match and stores no vectors."
            )
            return
        started = time.monotonic()
        counts = rebuild_search_vectors(using=database)
        summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Rebuilt search vectors: {summary} in {time.monotonic() - started:.1f}s."
            )
        )
