"""`manage.py export_kb PATH`: the whole knowledge base as versioned JSON Lines (see briefings.backup)."""

import os
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand

from briefings.backup import export_kb


class Command(BaseCommand):
    help = (
        "Writes the whole knowledge base to PATH ('-' for standard output) as JSON Lines: "
        "briefings, actors, offices, quotes, sources, FAQ entries, topics, places and the users "
        "content names (no passwords, no API tokens). Revision history is not included; "
        "pg_dump keeps it. `import_kb PATH` restores the file into an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="The file to write, or - for stdout.")

    def handle(self, *args, path, **options):
        started = time.monotonic()
        if path == "-":
            counts = export_kb(self.stdout)
            report = self.stderr  # standard output is the backup itself
            report.style_func = None  # a summary, not an error
        else:
            counts = _export_to_file(Path(path))
            report = self.stdout
        summary = ", ".join(f"{rows} {label}" for label, rows in counts.items())
        where = "standard output" if path == "-" else path
        report.write(
            f"Exported {sum(counts.values())} rows to {where} in {time.monotonic() - started:.1f}s: "
            f"{summary}. Revision history, passwords and API tokens are not included."
        )


def _export_to_file(path):
    """Write next to PATH, then rename: a failed export never leaves a truncated backup behind."""
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline="\n", dir=path.parent, prefix=f".{path.name}.", delete=False
    ) as out:
        try:
            counts = export_kb(out)
        except BaseException:
            os.unlink(out.name)
            raise
    os.replace(out.name, path)
    return counts
