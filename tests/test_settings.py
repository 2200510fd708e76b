"""Configuration comes from the environment, and production refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROD_ENV = {
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "DJANGO_ALLOWED_HOSTS": "briefings.example.org,www.briefings.example.org",
    "DATABASE_URL": "postgres://briefings@db.example.org:5432/briefings",
}


def run_with_settings(module, env, code="import django; django.setup()"):
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean_env, "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_a_required_variable_and_names_it(missing):
    env = {key: value for key, value in PROD_ENV.items() if key != missing}
    result = run_with_settings("config.settings.prod", env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


def test_production_starts_with_a_realistic_environment_and_is_not_in_debug():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DEBUG, settings.ALLOWED_HOSTS, settings.DATABASES['default']['HOST'])"
    )
    result = run_with_settings("config.settings.prod", PROD_ENV, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "['briefings.example.org',",
        "'www.briefings.example.org']",
        "db.example.org",
    ]


def test_production_never_turns_on_debug_even_when_asked():
    result = run_with_settings(
        "config.settings.prod",
        {**PROD_ENV, "DJANGO_DEBUG": "true"},
        "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
    )
    assert result.stdout.strip() == "False"


def test_development_defaults_to_an_sqlite_file_in_the_project_root_and_utc():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['NAME'], settings.TIME_ZONE, settings.USE_TZ)"
    )
    result = run_with_settings("config.settings.dev", {}, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(ROOT / "db.sqlite3"), "UTC", "True"]


def test_database_url_selects_postgresql():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "db = settings.DATABASES['default']; print(db['ENGINE'], db['NAME'], db['CONN_HEALTH_CHECKS'])"
    )
    result = run_with_settings(
        "config.settings.dev", {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/kb"}, code
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "kb", "True"]


def test_production_settings_pass_the_deployment_checklist():
    code = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    result = run_with_settings("config.settings.prod", PROD_ENV, code)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
