"""The README's first command: `manage.py demo` serves the site with demo content, and a rerun adds nothing."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"demo exited early:\n{process.stdout.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status, response.read().decode()
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {timeout}s")


def row_counts(database):
    code = (
        "import django; django.setup(); from django.apps import apps; "
        "print(sum(m.objects.count() for m in apps.get_app_config('briefings').get_models()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": database,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return int(result.stdout)


def run_demo(database):
    """Start `manage.py demo`, fetch the home page and the admin login, then stop it."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "demo", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": database,
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        home = wait_for(f"http://127.0.0.1:{port}/", process)
        admin = wait_for(f"http://127.0.0.1:{port}/admin/login/", process)
    finally:
        process.terminate()
        output = process.communicate(timeout=30)[0]
    return home, admin, output


def test_demo_serves_the_home_page_and_admin_with_demo_content_and_a_rerun_adds_no_rows(tmp_path):
    database = f"sqlite:///{tmp_path / 'demo.sqlite3'}"

    (home_status, home_html), (admin_status, admin_html), output = run_demo(database)
    assert home_status == 200
    assert "Ukraine peace talks and the new security landscape" in home_html
    assert "illustrative sample content" in home_html
    assert admin_status == 200
    assert "Log in" in admin_html
    assert "Loaded demo content" in output
    assert "Editor       user: editor       password: " in output
    assert "Contributor  user: contributor  password: " in output
    rows = row_counts(database)
    assert rows > 50

    *_, second_output = run_demo(database)
    assert "nothing added" in second_output
    assert row_counts(database) == rows
    first_password = output.split("user: editor       password: ")[1].split()[0]
    second_password = second_output.split("user: editor       password: ")[1].split()[0]
    assert first_password != second_password


def test_demo_refuses_to_run_where_settings_do_not_allow_it(settings):
    settings.BRIEFINGS_DEMO = False
    with pytest.raises(CommandError, match="must never run in production"):
        call_command("demo")
