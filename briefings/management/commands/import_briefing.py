"""`manage.py import_briefing PATH... [--publish] [--user NAME] [--dry-run]`: files to briefings."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from briefings import linking
from briefings.importer import formats
from briefings.importer.service import ImportFailed, import_briefing


class Command(BaseCommand):
    help = (
        "Imports Markdown, plain-text, Word (.docx) or web page (.html) files as draft briefings (one transaction per file) "
        "and prints what each created. A file that cannot be imported creates nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files to import.")
        parser.add_argument(
            "--publish", action="store_true", help="Publish at once instead of drafts."
        )
        parser.add_argument(
            "--user", help="Import as this user: their permissions apply, they become the author."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be created; write nothing."
        )

    def handle(self, *args, paths, publish, user, dry_run, **options):
        by = self.user(user) if user else None
        names = linking.name_index()  # built once for all the files
        failed = 0
        for path in map(Path, paths):
            try:
                data = path.read_bytes()
            except OSError as error:
                failed += 1
                self.stderr.write(f"{path}: cannot read it ({error.strerror}).")
                continue
            try:
                if formats.format_of(data, path.name):  # a Word document or a web page
                    data = formats.to_markdown(data, path.name)
                report = import_briefing(
                    data, by=by, publish=publish, commit=not dry_run, names=names
                )
            except (ImportFailed, PermissionDenied) as error:
                failed += 1
                self.stderr.write(f"{path}: not imported. {error}")
                continue
            if report.committed:
                # Speakers created by one file are known to the next.
                names = linking.name_index() if report.new_actors else names
            self.stdout.write(f"{path}: {report.summary()}")
            for quote in report.quotes:
                new = " (new speaker, marked for review)" if quote.speaker_is_new else ""
                self.stdout.write(f"  quote: “{quote.text[:70]}” — {quote.speaker}{new}")
            for warning in report.warnings:
                self.stdout.write(f"  warning: {warning}")
            for passage in report.unclassified:
                self.stdout.write(f"  not classified (kept in the body): {passage[:100]}")
        if failed:
            raise CommandError(f"{failed} of {len(paths)} files were not imported.")

    def user(self, username):
        User = get_user_model()
        try:
            return User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"There is no user {username!r}.") from None
