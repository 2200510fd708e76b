"""`manage.py demo [addrport]`: migrate, load the demo content, create a demo editor, and serve the site."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from briefings.policies import CONTRIBUTOR, EDITOR

# The demo's accounts: (username, role group). Passwords are new on every run.
DEMO_ACCOUNTS = [("editor", EDITOR), ("contributor", CONTRIBUTOR)]


class Command(BaseCommand):
    help = "Serve the site with demo content: migrate, load_demo, demo accounts, runserver."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        if not settings.BRIEFINGS_DEMO:
            raise CommandError(
                "The demo runs only with settings that allow it (config.settings.dev); "
                "it creates editor accounts and must never run in production."
            )
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_demo", stdout=self.stdout)
        self.stdout.write(
            f"Demo accounts for http://{addrport}/admin/ (new passwords on every run):"
        )
        for username, role in DEMO_ACCOUNTS:
            password = self.reset_account(username, role)
            self.stdout.write(
                self.style.SUCCESS(f"  {role:<12} user: {username:<12} password: {password}")
            )
        # Without the reloader: a reloaded child would run this command again and change passwords.
        call_command("runserver", addrport, use_reloader=False)

    def reset_account(self, username, role):
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.is_staff = True
        user.is_superuser = False
        user.save()
        user.groups.set([Group.objects.get(name=role)])
        return password
