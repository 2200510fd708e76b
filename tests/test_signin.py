"""Signing in to the admin resists guessing, and staff confirm it with a second factor in production."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from tests.api.conftest import authenticate

PASSWORD = "correct horse battery staple"
LOGIN = "/admin/login/?next=/admin/"
ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.django_db


def sign_in(client, username, password=PASSWORD, address="198.51.100.1", **headers):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )


def fail(client, username, times, address="198.51.100.1", **headers):
    """`times` sign-ins with a wrong password; the last response."""
    for _ in range(times):
        response = sign_in(client, username, "not the password", address, **headers)
    return response


def text(response):
    """The page's text with its line breaks and indentation folded, as a reader sees it."""
    return " ".join(response.content.decode().split())


def signed_in(client):
    return client.get("/admin/").status_code == 200


def code_for(device, drift=0):
    """The code `device`'s authenticator app shows now (drift=1: the next one)."""
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + drift)
    return f"{code:0{device.digits}d}"


def wrong_code(device):
    """Six digits that the device accepts at no time near now."""
    near = {code_for(device, drift) for drift in range(-2, 3)}
    return next(code for code in ("000000", "111111", "222222") if code not in near)


@pytest.fixture
def require_2fa(settings):
    settings.REQUIRE_STAFF_2FA = True


@pytest.fixture
def phone(editor):
    """The editor's authenticator app, linked."""
    return TOTPDevice.objects.create(user=editor, name="Authenticator app", confirmed=True)


# Lockout


def test_failed_sign_ins_below_the_limit_still_let_the_right_password_in(editor):
    client = Client()
    assert fail(client, "editor", 4).status_code == 200
    assert sign_in(client, "editor").status_code == 302
    assert signed_in(client)


def test_the_fifth_failure_locks_the_account_and_the_right_password_is_then_refused(editor):
    client = Client()
    locked = fail(client, "editor", 5)
    assert locked.status_code == 429
    response = sign_in(client, "editor")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in text(response)
    assert not signed_in(client)


def test_a_locked_account_is_refused_from_every_other_address_too(editor):
    fail(Client(), "editor", 5, address="203.0.113.9")
    elsewhere = Client()
    assert sign_in(elsewhere, "editor", address="192.0.2.44").status_code == 429
    assert not signed_in(elsewhere)


def test_an_address_that_tries_many_accounts_is_locked_for_all_of_them(editor):
    attacker = Client()
    for name in ["admin", "root", "editor1", "alice", "bob"]:
        fail(attacker, name, 1, address="203.0.113.9")
    assert sign_in(attacker, "editor", address="203.0.113.9").status_code == 429
    # The account itself is not locked: its owner, elsewhere, signs in.
    owner = Client()
    assert sign_in(owner, "editor", address="192.0.2.44").status_code == 302
    assert signed_in(owner)


def test_the_lock_lifts_once_the_lockout_time_has_passed(editor):
    client = Client()
    fail(client, "editor", 5)
    assert sign_in(client, "editor").status_code == 429
    # Fifteen minutes and a second pass (as if), and the right password works again.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=15, seconds=1)
    )
    assert sign_in(client, "editor").status_code == 302
    assert signed_in(client)


def test_the_lockout_page_says_why_for_how_long_and_how_to_be_let_in_sooner(editor):
    response = fail(Client(), "editor", 5)
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    page = text(response)
    assert "Briefings — editors" in page  # the admin's own look, not a bare error
    assert "Too many failed sign-in attempts for “editor”: 5 in a row" in page
    assert "blocked for 15 minutes after the last failed attempt" in page
    assert "manage.py axes_reset_username" in page


def test_the_limit_and_the_lockout_time_come_from_the_settings(editor, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)
    response = fail(Client(), "editor", 3)
    assert response.status_code == 429
    assert "3 in a row" in text(response)
    assert "blocked for 30 minutes" in text(response)
    assert response["Retry-After"] == "1800"


def test_the_sign_in_page_states_the_lockout_rule(db):
    page = text(Client().get(LOGIN))
    assert "After 5 failed attempts in a row" in page
    assert "locked for 15 minutes" in page


def test_an_administrator_unlocks_an_account_with_axes_reset_username(editor):
    client = Client()
    fail(client, "editor", 5, address="203.0.113.9")
    assert sign_in(client, "editor", address="192.0.2.44").status_code == 429
    call_command("axes_reset_username", "editor")
    assert sign_in(client, "editor", address="192.0.2.44").status_code == 302
    assert signed_in(client)


def test_an_administrator_unlocks_an_address_with_axes_reset_ip(editor):
    client = Client()
    for name in ["admin", "root", "editor1", "alice", "bob"]:
        fail(client, name, 1, address="203.0.113.9")
    assert sign_in(client, "editor", address="203.0.113.9").status_code == 429
    call_command("axes_reset_ip", "203.0.113.9")
    assert sign_in(client, "editor", address="203.0.113.9").status_code == 302


def test_behind_a_proxy_each_client_is_counted_by_the_address_the_proxy_saw(editor, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    proxy = "127.0.0.1"
    attacker = Client()
    # Whatever the attacker puts in X-Forwarded-For, the proxy appends the real address.
    for index, name in enumerate(["admin", "root", "editor1", "alice", "bob"]):
        fail(attacker, name, 1, proxy, HTTP_X_FORWARDED_FOR=f"10.9.9.{index}, 203.0.113.9")
    refused = sign_in(attacker, "editor", address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert refused.status_code == 429
    # Another client through the same proxy is not caught in the attacker's lock.
    owner = Client()
    response = sign_in(owner, "editor", address=proxy, HTTP_X_FORWARDED_FOR="192.0.2.44")
    assert response.status_code == 302


# The second factor


def test_without_the_second_factor_switched_on_a_password_signs_staff_in(editor):
    client = Client()
    response = sign_in(client, "editor")
    assert response["Location"] == "/admin/"
    assert signed_in(client)


@pytest.mark.parametrize(
    "url", ["/admin/", "/admin/briefings/briefing/", "/admin/password_change/"]
)
def test_staff_who_gave_only_their_password_reach_no_admin_page(require_2fa, editor, phone, url):
    client = Client()
    response = sign_in(client, "editor")
    assert response.status_code == 302
    assert response["Location"] == "/admin/second-factor/?next=%2Fadmin%2F"
    page = client.get(url, follow=True)
    assert page.redirect_chain[-1][0].startswith("/admin/second-factor/")
    assert "enter the code your authenticator app shows" in text(page)


def test_staff_with_an_app_sign_in_with_its_current_code(require_2fa, editor, phone):
    client = Client()
    sign_in(client, "editor")
    wrong = client.post("/admin/second-factor/", {"code": wrong_code(phone), "next": "/admin/"})
    assert wrong.status_code == 200
    assert "That code is not right" in text(wrong)
    assert not signed_in(client)

    phone.throttle_reset()  # the wrong code above asks for a second's wait
    response = client.post("/admin/second-factor/", {"code": code_for(phone), "next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert signed_in(client)


def test_a_wrong_code_makes_the_next_try_wait_and_says_so(require_2fa, editor, phone, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # a minute's wait, so that no test is timed
    client = Client()
    sign_in(client, "editor")
    client.post("/admin/second-factor/", {"code": wrong_code(phone)})
    response = client.post("/admin/second-factor/", {"code": wrong_code(phone)})
    assert "Too many wrong codes in a row: wait" in text(response)
    right_but_too_soon = client.post("/admin/second-factor/", {"code": code_for(phone)})
    assert right_but_too_soon.status_code == 200
    assert not signed_in(client)


def test_a_backup_code_signs_in_once(require_2fa, editor, phone):
    call_command("addstatictoken", "editor", token="sparecode1")
    first = Client()
    sign_in(first, "editor")
    assert first.post("/admin/second-factor/", {"code": "sparecode1"}).status_code == 302
    assert signed_in(first)
    again = Client()
    sign_in(again, "editor")
    response = again.post("/admin/second-factor/", {"code": "sparecode1"})
    assert "That code is not right" in text(response)
    assert not signed_in(again)


def test_staff_without_an_app_are_sent_to_link_one_and_then_get_backup_codes(require_2fa, editor):
    client = Client()
    sign_in(client, "editor")
    assert not signed_in(client)
    setup = client.get("/admin/second-factor/", follow=True)
    assert setup.redirect_chain[-1][0] == "/admin/second-factor/setup/?next=%2Fadmin%2F"
    page = setup.content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert "otpauth://totp/Briefings%3Aeditor?secret=" in page

    wrong = client.post("/admin/second-factor/setup/", {"code": wrong_code(device)})
    assert "That code is not right" in text(wrong)
    device.refresh_from_db()
    device.throttle_reset()
    done = client.post("/admin/second-factor/setup/", {"code": code_for(device), "next": "/admin/"})
    assert done.status_code == 200
    codes = list(StaticToken.objects.filter(device__user=editor).values_list("token", flat=True))
    assert len(codes) == 10
    assert all(code in text(done) for code in codes)
    assert signed_in(client)

    # The next sign-in asks for the app's code.
    device.refresh_from_db()
    assert device.confirmed
    later = Client()
    sign_in(later, "editor")
    assert not signed_in(later)
    later.post("/admin/second-factor/", {"code": code_for(device, drift=1)})
    assert signed_in(later)


def test_a_password_alone_cannot_link_another_app_to_an_account_that_has_one(
    require_2fa, editor, phone
):
    client = Client()
    sign_in(client, "editor")
    response = client.get("/admin/second-factor/setup/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/second-factor/?")
    assert TOTPDevice.objects.filter(user=editor).count() == 1


def test_a_half_done_sign_in_can_be_abandoned_for_another_account(require_2fa, editor, phone):
    client = Client()
    sign_in(client, "editor")
    response = client.post("/admin/second-factor/", {"cancel": "1"})
    assert response["Location"] == "/admin/login/"
    assert "Log in" in text(client.get("/admin/login/"))


def test_the_second_step_sends_anonymous_visitors_to_the_sign_in_page(require_2fa, db):
    response = Client().get("/admin/second-factor/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_outside_the_admin_a_session_without_its_second_factor_is_anonymous(
    require_2fa, editor, phone, draft_briefing
):
    client = Client()
    sign_in(client, "editor")
    assert client.get(f"/briefings/{draft_briefing.slug}/").status_code == 404
    titles = [item["title"] for item in client.get("/api/v1/briefings/").json()["results"]]
    assert draft_briefing.title not in titles

    client.post("/admin/second-factor/", {"code": code_for(phone)})
    assert client.get(f"/briefings/{draft_briefing.slug}/").status_code == 200
    titles = [item["title"] for item in client.get("/api/v1/briefings/").json()["results"]]
    assert draft_briefing.title in titles


def test_api_tokens_work_without_a_second_factor(require_2fa, editor, draft_briefing):
    api = authenticate(APIClient(), editor)
    titles = [item["title"] for item in api.get("/api/v1/briefings/").json()["results"]]
    assert draft_briefing.title in titles


# Which settings ask for it


def setting_values(module, *names, env=None):
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in {"DATABASE_URL", "REQUIRE_STAFF_2FA"}
    }
    code = "import django; django.setup(); from django.conf import settings; " + "; ".join(
        f"print(settings.{name})" for name in names
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean_env, "DJANGO_SETTINGS_MODULE": module, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


PROD_ENV = {
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "DJANGO_ALLOWED_HOSTS": "briefings.example.org",
    "DATABASE_URL": "postgres://briefings@db.example.org:5432/briefings",
}


def test_production_asks_staff_for_a_second_factor_and_reads_addresses_behind_its_proxy():
    values = setting_values(
        "config.settings.prod",
        "REQUIRE_STAFF_2FA",
        "REST_FRAMEWORK['NUM_PROXIES']",
        env=PROD_ENV,
    )
    assert values == ["True", "1"]


def test_the_demo_signs_staff_in_with_a_password_alone():
    assert setting_values("config.settings.dev", "REQUIRE_STAFF_2FA") == ["False"]


@pytest.mark.parametrize(
    "value", ["x" * 5000, "a\x00b", "²³", " ", "<script>", "editor" + "\u202e" * 50]
)
def test_hostile_input_to_either_sign_in_step_is_refused_cleanly(require_2fa, editor, phone, value):
    assert sign_in(Client(), value, value).status_code == 200
    client = Client()
    sign_in(client, "editor")
    for url in ["/admin/second-factor/", "/admin/second-factor/setup/"]:
        response = client.post(url, {"code": value})
        assert response.status_code in {200, 302}
    assert not signed_in(client)


def test_an_overlong_username_is_refused_with_the_limit_not_an_error(editor):
    response = sign_in(Client(), "x" * 5000)
    assert response.status_code == 200
    assert "Ensure this value has at most 150 characters (it has 5000)." in text(response)
