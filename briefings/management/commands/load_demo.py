"""`manage.py load_demo`: fills an empty knowledge base with illustrative demo content."""

from django.core.management.base import BaseCommand

from briefings.demo import load_demo_content


class Command(BaseCommand):
    help = "Loads illustrative briefings, actors, quotes and FAQ entries, unless briefings exist."

    def handle(self, *args, **options):
        counts = load_demo_content()
        if counts is None:
            self.stdout.write("Demo content is already loaded; nothing added.")
            return
        summary = ", ".join(f"{count} {label}" for label, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Loaded demo content: {summary}."))
