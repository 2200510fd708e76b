"""`manage.py relink_briefings [--actor SLUG]`: count again who every briefing names."""

import time

from django.core.management.base import BaseCommand, CommandError

from briefings import linking
from briefings.models import Actor, Briefing


class Command(BaseCommand):
    help = (
        "Records again which actors each briefing names (BriefingActor rows and counts), with "
        "today's names and aliases. Saving a briefing or an actor keeps this up to date; run it "
        "after bulk changes to actors or aliases that bypass the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--actor", metavar="SLUG", help="Only briefings whose text may name this actor."
        )

    def handle(self, *args, actor, **options):
        briefings = Briefing.objects.all()
        if actor:
            try:
                briefings = linking.briefings_naming(Actor.objects.get(slug=actor))
            except Actor.DoesNotExist:
                raise CommandError(f"There is no actor with the slug {actor!r}.") from None
        started = time.monotonic()
        done = linking.relink(briefings)
        self.stdout.write(
            f"Linked actors in {done} briefing{'s' if done != 1 else ''} "
            f"in {time.monotonic() - started:.1f} s."
        )
