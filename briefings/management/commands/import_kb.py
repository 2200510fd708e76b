"""`manage.py import_kb PATH`: restore a backup written by export_kb into an empty knowledge base."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from briefings.backup import BackupError, import_kb


class Command(BaseCommand):
    help = (
        "Restores a backup written by export_kb ('-' reads standard input) into an empty "
        "knowledge base, in one transaction: any problem names the line at fault and imports "
        "nothing. Users are matched by username or created with an unusable password. Revision "
        "history is not in backups; pg_dump keeps it."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="The backup file, or - for stdin.")

    def handle(self, *args, path, **options):
        started = time.monotonic()
        try:
            if path == "-":
                restored = import_kb(sys.stdin.buffer)
            else:
                with open(path, "rb") as lines:
                    restored = import_kb(lines)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        except BackupError as error:
            raise CommandError(f"{path}, {error}. Nothing was imported.") from error
        counts = restored.counts
        summary = ", ".join(f"{rows} {label}" for label, rows in counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {sum(counts.values())} rows from {path} in "
                f"{time.monotonic() - started:.1f}s: {summary}."
            )
        )
        for line in _notes(restored):
            self.stdout.write(line)


def _notes(restored):
    """What an operator must know after a restore: users without passwords, first of all."""
    if restored.users_created:
        yield (
            f"Created {len(restored.users_created)} users with unusable passwords (backups hold "
            f"none): {', '.join(restored.users_created)}. Give them one with "
            "`manage.py changepassword USERNAME` or a password reset."
        )
    if restored.users_matched:
        yield (
            f"Matched {len(restored.users_matched)} existing users by username, left unchanged: "
            f"{', '.join(restored.users_matched)}."
        )
    if restored.groups_created:
        yield (
            f"Created groups without permissions: {', '.join(restored.groups_created)}; "
            "grant them in the admin."
        )
    if restored.search_rebuilt:
        yield "Search vectors rebuilt."
    yield "Revision history is not part of a backup: each object's history starts at its next change."
