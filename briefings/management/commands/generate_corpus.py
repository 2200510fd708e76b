"""`manage.py generate_corpus --briefings N --seed S`: a synthetic corpus in bulk, for load and search tests."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from briefings.corpus import CorpusExists, generate_corpus


class ProgressBar:
    """`briefings  4000/10000 [####......] 40% 23s` on stderr, redrawn in place on a terminal."""

    WIDTH = 30

    def __init__(self, stream):
        self.stream = stream
        self.started = time.monotonic()
        self.redraw = stream.isatty()

    def __call__(self, label, done, total):
        filled = self.WIDTH * done // total
        line = (
            f"{label:<10} {done:>{len(str(total))}}/{total} "
            f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {100 * done // total:3d}% "
            f"{time.monotonic() - self.started:.0f}s"
        )
        finished = done >= total
        if self.redraw:
            self.stream.write(f"\r{line}", ending="\n" if finished else "")
            self.stream.flush()
        elif done:  # in a log, a line per step taken is enough
            self.stream.write(line)


def _plain(text):
    return text


class Command(BaseCommand):
    help = (
        "Generates a realistic synthetic corpus: N briefings with their actors, quotes, sources "
        "and FAQ entries. The same seed gives the same corpus; another seed adds a second one."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--briefings", type=int, required=True, help="How many briefings to write."
        )
        parser.add_argument("--seed", type=int, default=1, help="A whole number ≥ 0 (default 1).")

    def handle(self, *args, briefings, seed, verbosity, **options):
        if briefings < 1:
            raise CommandError("--briefings must be at least 1.")
        if seed < 0:
            raise CommandError("--seed must be a whole number ≥ 0.")
        progress = None
        if verbosity > 0:
            self.stderr.style_func = _plain  # a progress bar, not an error
            progress = ProgressBar(self.stderr)
        try:
            result = generate_corpus(briefings=briefings, seed=seed, progress=progress)
        except CorpusExists as exists:
            self.stdout.write(str(exists))
            return
        self.stdout.write(
            self.style.SUCCESS(f"Generated a corpus with seed {seed} in {result.seconds:.1f}s:")
        )
        width = max(len(label) for label in result.counts)
        for label, count in result.counts.items():
            self.stdout.write(f"  {label:<{width}}  {count:>8}")
        if result.search_rows:
            self.stdout.write(
                f"Search vectors rebuilt for {result.search_rows} rows "
                f"in {result.search_seconds:.1f}s."
            )
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Fresh statistics and merged GIN pending lists: the planner picks the search
            # indexes, and searches do not scan what the bulk load left unmerged.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            self.stdout.write("Vacuumed and analysed the database.")
