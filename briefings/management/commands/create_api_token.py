"""`manage.py create_api_token USERNAME [--days N]`: a new API token, printed once."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from knox.models import AuthToken


class Command(BaseCommand):
    help = "Creates an API token for a user and prints it once; only its hash is stored."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--days",
            type=int,
            default=settings.REST_KNOX["TOKEN_TTL"].days,
            help="Days until the token expires (default: %(default)s).",
        )

    def handle(self, *args, username, days, **options):
        if days < 1:
            raise CommandError("--days must be at least 1.")
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"There is no user {username!r}.") from None
        instance, token = AuthToken.objects.create(user, expiry=timedelta(days=days))
        self.stdout.write(
            f"API token for {username}, valid until {instance.expiry:%Y-%m-%d %H:%M} UTC. "
            "It is shown only this once; send it as the header `Authorization: Token <token>`.\n"
            f"{token}"
        )
