"""`manage.py export_briefing SLUG … [--output DIR]`: briefings as Markdown the importer reads."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from briefings.importer.export import export_markdown
from briefings.models import Briefing


class Command(BaseCommand):
    help = (
        "Writes briefings, drafts included, as Markdown with front matter: one briefing to "
        "standard output, or each to DIR/<slug>.md with --output."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="+", metavar="SLUG", help="The briefing's slug.")
        parser.add_argument(
            "--output", type=Path, metavar="DIR", help="Write DIR/<slug>.md for each briefing."
        )

    def handle(self, *args, slugs, output, **options):
        briefings = Briefing.objects.in_bulk(slugs, field_name="slug")
        unknown = [slug for slug in slugs if slug not in briefings]
        if unknown:
            names = ", ".join(f"“{slug}”" for slug in unknown)
            raise CommandError(f"No briefing has the slug {names}.")
        if output is None:
            if len(briefings) > 1:
                raise CommandError("Give --output DIR to export more than one briefing.")
            self.stdout.write(export_markdown(briefings[slugs[0]]), ending="")
            return
        output.mkdir(parents=True, exist_ok=True)
        for slug, briefing in briefings.items():
            path = output / f"{slug}.md"
            path.write_text(export_markdown(briefing), encoding="utf-8")
            self.stdout.write(f"Wrote {path}")
