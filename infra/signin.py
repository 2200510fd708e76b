"""Sign-in protection over HTTP: whose address a lockout counts, the lockout page, half-done sign-ins."""

from axes.helpers import get_client_username
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from rest_framework.throttling import BaseThrottle

from briefings.admin_site import awaits_second_factor


def client_address(request):
    """The client's address, read as the API's throttling reads it (settings.TRUSTED_PROXY_COUNT)."""
    return BaseThrottle().get_ident(request)


def lockout_response(request, original_response, credentials):
    """django-axes' lockout answer: the admin's page saying why, for how long, and what to do."""
    return admin.site.locked_out(
        request,
        username=get_client_username(request, credentials) or "",
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


class SecondFactorMiddleware:
    """Outside the admin, a session that still awaits its second factor is anonymous.

    The admin asks for the code itself (briefings.admin_site); everywhere else, such a session
    must not preview drafts on the reader site nor sign in to the API, or the second factor
    would protect the admin only. API tokens are read by the API itself, not here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.REQUIRE_STAFF_2FA and not request.path.startswith(reverse("admin:index")):
            user = request.user
            request.user = SimpleLazyObject(
                lambda: AnonymousUser() if awaits_second_factor(user) else user
            )
        return self.get_response(request)
