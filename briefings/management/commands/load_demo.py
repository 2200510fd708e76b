"""`manage.py load_demo`: fills an empty knowledge base with the demo content in briefings/data/demo/."""

from django.core.management.base import BaseCommand, CommandError

from briefings.demo import DemoContentError, load_demo_content


class Command(BaseCommand):
    help = "Loads illustrative briefings, actors, quotes and FAQ entries, unless briefings exist."

    def handle(self, *args, **options):
        try:
            counts = load_demo_content()
        except DemoContentError as error:
            # Someone edited the demo files; nothing was written.
            raise CommandError(str(error)) from error
        if counts is None:
            self.stdout.write("Demo content is already loaded; nothing added.")
            return
        summary = ", ".join(f"{count} {label}" for label, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Loaded demo content: {summary}."))
