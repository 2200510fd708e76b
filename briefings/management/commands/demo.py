"""`manage.py demo [addrport]`: migrate, load the demo content, create a demo editor, and serve the site."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

DEMO_EDITOR = "editor"


class Command(BaseCommand):
    help = "Serve the site with demo content: migrate, load_demo, a demo editor account, runserver."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        if not settings.BRIEFINGS_DEMO:
            raise CommandError(
                "The demo runs only with settings that allow it (config.settings.dev); "
                "it creates an editor account and must never run in production."
            )
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_demo", stdout=self.stdout)
        password = self.reset_demo_editor()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo editor for http://{addrport}/admin/ — user: {DEMO_EDITOR}  password: {password}"
            )
        )
        self.stdout.write("The password is new on every run and shown only here.")
        # Without the reloader: a reloaded child would run this command again and change the password.
        call_command("runserver", addrport, use_reloader=False)

    def reset_demo_editor(self):
        user, _ = get_user_model().objects.get_or_create(
            username=DEMO_EDITOR, defaults={"email": "editor@example.org"}
        )
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.is_staff = True
        user.is_superuser = True
        user.save()
        return password
