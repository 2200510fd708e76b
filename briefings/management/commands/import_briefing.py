"""`manage.py import_briefing PATH... [--publish] [--user NAME] [--dry-run] [--create-actor NAME]
[--reuse-quote LINE:ID]`: files to briefings."""

from argparse import ArgumentTypeError
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
        parser.add_argument(
            "--create-actor",
            action="append",
            default=[],
            metavar="NAME",
            help="Create this name, one of those a dry run lists as not known, as an actor "
            "awaiting review. Repeat for several.",
        )
        parser.add_argument(
            "--reuse-quote",
            action="append",
            default=[],
            type=_line_and_id,
            metavar="LINE:ID",
            help="For the quotation on LINE, use the similar stored quote ID a dry run offers "
            "instead of storing it again. Repeat for several.",
        )

    def handle(self, *args, paths, publish, user, dry_run, create_actor, reuse_quote, **options):
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
                    data,
                    by=by,
                    publish=publish,
                    commit=not dry_run,
                    names=names,
                    create_actors=create_actor,
                    reuse_quotes=dict(reuse_quote),
                )
            except (ImportFailed, PermissionDenied) as error:
                failed += 1
                self.stderr.write(f"{path}: not imported. {error}")
                continue
            if report.committed and (report.new_actors or report.created_actors):
                names = linking.name_index()  # actors created by one file are known to the next
            self.stdout.write(f"{path}: {report.summary()}")
            for quote in report.quotes:
                new = " (new speaker, marked for review)" if quote.speaker_is_new else ""
                self.stdout.write(
                    f"  quote, line {quote.line}: “{quote.text[:70]}” — {quote.speaker}{new}"
                )
                for similar in quote.similar:
                    self.stdout.write(
                        f"    like stored quote {similar.pk}: “{similar.text[:70]}” "
                        f"(--reuse-quote {quote.line}:{similar.pk} to use it)"
                    )
            for candidate in report.candidates:
                done = " (created, marked for review)" if candidate.created else ""
                self.stdout.write(
                    f"  not known ({candidate.kind}): {candidate.name}{done} — "
                    f"“{candidate.context[:80]}”"
                )
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


def _line_and_id(value):
    line, _, pk = value.partition(":")
    if not (line.isdigit() and pk.isdigit()):
        raise ArgumentTypeError(f"“{value}” is not LINE:ID, e.g. 12:345.")
    return int(line), int(pk)
