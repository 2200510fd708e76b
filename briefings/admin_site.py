"""The editors' admin site: Django's, with what needs attention on its index page, and sign-in in
two steps (password, then a code from an authenticator app) where settings.REQUIRE_STAFF_2FA is on.
"""

import functools
import io
import math
from base64 import b32encode, b64encode

import django_otp
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.views import redirect_to_login
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django_otp.qr import write_qrcode_image

# How many single-use backup codes a staff member gets with a new authenticator app.
BACKUP_CODES = 10


def awaits_second_factor(user):
    """Whether `user` signed in with a password and has yet to confirm it with a second factor.

    Asked of staff (everyone who can use the admin) where settings.REQUIRE_STAFF_2FA is on.
    """
    if not (settings.REQUIRE_STAFF_2FA and user.is_authenticated and user.is_staff):
        return False
    is_verified = getattr(user, "is_verified", None)  # django_otp's OTPMiddleware adds it
    return not (is_verified and is_verified())


def lockout_rule():
    """What django-axes was told: how many failed sign-ins lock, and for how many minutes."""
    return {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60),
    }


def has_authenticator(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def can_confirm(user):
    """Whether `user` has something to confirm a sign-in with: an app, or an unused backup code."""
    from django_otp.plugins.otp_static.models import StaticToken

    unused = StaticToken.objects.filter(device__user=user, device__confirmed=True)
    return has_authenticator(user) or unused.exists()


def devices_for_code(user, code):
    """The devices that may accept `code`: the app's for six digits, the backup codes' otherwise.

    Trying one kind only keeps a wrong app code from counting against the backup codes (and the
    other way round): each device slows down its own guesses.
    """
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    model = TOTPDevice if len(code) == 6 and code.isascii() and code.isdigit() else StaticDevice
    return model.objects.devices_for_user(user, confirmed=True)


@transaction.atomic
def enrol_authenticator(*, user, device):
    """Make `device` the user's one authenticator app, and give them fresh backup codes."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticToken.objects.filter(device__user=user).delete()
    backup = StaticDevice.objects.filter(user=user).first()
    if backup is None:
        backup = StaticDevice.objects.create(user=user, name="Backup codes")
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=backup, token=code) for code in codes)
    return codes


class LoginForm(AdminAuthenticationForm):
    """The admin's sign-in form, refusing a username longer than any account's can be.

    Django's form only tells the browser the limit; without this, an overlong name reaches the
    lockout records, whose column it does not fit.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = self.fields["username"].max_length
        self.fields["username"].validators.append(MaxLengthValidator(limit))


class CodeForm(forms.Form):
    """One code, checked against the devices `candidates(code)` returns."""

    code = forms.CharField(
        label="Authentication code",
        max_length=64,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, candidates, wrong_code, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        self.wrong_code = wrong_code
        self.device = None

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split()).lower()
        error = self.wrong_code
        with transaction.atomic():
            for device in self.candidates(code).select_for_update():
                allowed, details = device.verify_is_allowed()
                if not allowed:
                    wait = (details or {}).get("locked_until", timezone.now()) - timezone.now()
                    seconds = max(math.ceil(wait.total_seconds()), 1)
                    error = (
                        f"Too many wrong codes in a row: wait {seconds} seconds, then try again."
                    )
                    break
                if device.verify_token(code):
                    self.device = device
                    break
        # Raised outside the transaction, so that the count of wrong codes is kept.
        if self.device is None:
            raise forms.ValidationError(error)
        return code


class BriefingsAdminSite(admin.AdminSite):
    site_header = "Briefings — editors"
    site_title = "Briefings admin"
    index_title = "Knowledge base"
    login_form = LoginForm

    def index(self, request, extra_context=None):
        # Imported here: the admin package registers its ModelAdmins with this site on import.
        from briefings.admin.dashboard import attention_panels

        context = {"attention_panels": attention_panels(request), **(extra_context or {})}
        return super().index(request, extra_context=context)

    def has_permission(self, request):
        return super().has_permission(request) and not awaits_second_factor(request.user)

    def login(self, request, extra_context=None):
        if request.method == "GET" and awaits_second_factor(request.user):
            return HttpResponseRedirect(self._step_url(request, "second_factor"))
        context = {
            "lockout_rule": lockout_rule(),
            "require_second_factor": settings.REQUIRE_STAFF_2FA,
            **(extra_context or {}),
        }
        response = super().login(request, context)
        if request.method == "POST" and awaits_second_factor(request.user):
            # The password was right; the second step leads on to where `next` pointed.
            return HttpResponseRedirect(self._step_url(request, "second_factor"))
        return response

    def get_urls(self):
        # Before the admin's own URLs, the last of which catches every path.
        return [
            path("second-factor/", self._sign_in_step(self.second_factor), name="second_factor"),
            path(
                "second-factor/setup/",
                self._sign_in_step(self.second_factor_setup),
                name="second_factor_setup",
            ),
            *super().get_urls(),
        ]

    def locked_out(self, request, *, username, status):
        """The page for a sign-in that django-axes refused: why, for how long, what to do."""
        rule = lockout_rule()
        context = {"title": "Sign-in locked", "locked_username": username, **rule}
        response = self._render(request, "admin/locked_out.html", context)
        response.status_code = status
        # Rendered here: django-axes answers from its middleware, after the view.
        response.render()
        response["Retry-After"] = str(rule["minutes"] * 60)
        return response

    def second_factor(self, request):
        """The sign-in's second step: a code from the authenticator app, or a backup code."""
        user = request.user
        if user.is_verified():
            return HttpResponseRedirect(self._next_url(request))
        if not can_confirm(user):
            return HttpResponseRedirect(self._step_url(request, "second_factor_setup"))
        form = CodeForm(
            request.POST if request.method == "POST" else None,
            candidates=functools.partial(devices_for_code, user),
            wrong_code=(
                "That code is not right. Enter the 6-digit code your authenticator app shows "
                "now (each works once, for about 30 seconds), or one of your backup codes."
            ),
        )
        if form.is_valid():
            self._verified(request, form.device)
            if not has_authenticator(user):
                # Signed in with a backup code an administrator gave: now link an app.
                return HttpResponseRedirect(self._step_url(request, "second_factor_setup"))
            return HttpResponseRedirect(self._next_url(request))
        context = {"title": "Enter your authentication code", "form": form}
        return self._render(request, "admin/second_factor.html", context)

    def second_factor_setup(self, request):
        """Link an authenticator app to the account, confirmed by the first code it shows."""
        from django_otp.plugins.otp_totp.models import TOTPDevice

        user = request.user
        if has_authenticator(user) and not user.is_verified():
            # Replacing the app takes a verified session, or a password alone would do it.
            return HttpResponseRedirect(self._step_url(request, "second_factor"))
        # The same pending key until it is confirmed, so a reload does not void a scanned code.
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
        form = CodeForm(
            request.POST if request.method == "POST" else None,
            candidates=lambda code: TOTPDevice.objects.filter(pk=device.pk),
            wrong_code=(
                "That code is not right. Scan the QR code (or type the key) into your app, "
                "then enter the 6-digit code it shows now."
            ),
        )
        if form.is_valid():
            codes = enrol_authenticator(user=user, device=device)
            self._verified(request, device)
            context = {"title": "Your backup codes", "codes": codes}
            return self._render(request, "admin/second_factor_codes.html", context)
        qr_code = io.BytesIO()
        write_qrcode_image(device.config_url, qr_code)
        secret = b32encode(device.bin_key).decode()
        context = {
            "title": "Set up two-factor authentication",
            "form": form,
            "qr_code": f"data:image/svg+xml;base64,{b64encode(qr_code.getvalue()).decode()}",
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "config_url": device.config_url,
        }
        return self._render(request, "admin/second_factor_setup.html", context)

    def _sign_in_step(self, view):
        """Wrap a view of the second step: for staff past their password, where 2FA is on."""

        @functools.wraps(view)
        @never_cache
        @csrf_protect
        def step(request):
            request.current_app = self.name
            if not (request.user.is_active and request.user.is_staff):
                login_url = reverse("admin:login", current_app=self.name)
                return redirect_to_login(request.get_full_path(), login_url)
            if not settings.REQUIRE_STAFF_2FA:
                return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
            if request.method == "POST" and "cancel" in request.POST:
                # The admin's own logout needs a complete sign-in; this one does not.
                logout(request)
                return HttpResponseRedirect(reverse("admin:login", current_app=self.name))
            return view(request)

        return step

    def _verified(self, request, device):
        django_otp.login(request, device)
        # A new session key for the raised privilege, as Django does at sign-in.
        request.session.cycle_key()

    def _render(self, request, template, context):
        context = {
            **self.each_context(request),
            "username": request.user.get_username(),
            REDIRECT_FIELD_NAME: self._next_url(request),
            **context,
        }
        return TemplateResponse(request, template, context)

    def _next_url(self, request):
        url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
        if url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return url
        return reverse("admin:index", current_app=self.name)

    def _step_url(self, request, name):
        url = reverse(f"admin:{name}", current_app=self.name)
        return f"{url}?{urlencode({REDIRECT_FIELD_NAME: self._next_url(request)})}"
