"""Static files in production: fingerprinted and compressed by collectstatic, served with long cache lifetimes."""

import gzip
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
HOST = "briefings.example.org"
ONE_YEAR = 365 * 24 * 60 * 60

# Runs inside a production-settings process: asks for one URL and reports what came back.
REQUEST = """
import json, sys
import django
django.setup()
from django.test import Client
response = Client().get(sys.argv[1], headers={"host": sys.argv[2], "accept-encoding": "gzip"})
print(json.dumps({
    "status": response.status_code,
    "cache_control": response.get("Cache-Control", ""),
    "content_encoding": response.get("Content-Encoding", ""),
    "content_type": response.get("Content-Type", ""),
}))
"""


def production_environment(static_root):
    """What a deployment sets, and nothing else from the test run (such as its DATABASE_URL)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "BRIEFINGS_"))
    }
    return {
        **environment,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": "x7#k2!production-only-secret-that-is-long-enough-9q",
        "DJANGO_ALLOWED_HOSTS": f"{HOST},www.{HOST}",
        # Never connected to: collectstatic and WhiteNoise do not touch the database.
        "DATABASE_URL": "postgres://briefings:secret@db.internal:5432/briefings",
        "DJANGO_STATIC_ROOT": str(static_root),
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        # The request log goes to stdout, where these tests read the answer.
        "LOG_LEVEL": "WARNING",
    }


def run(arguments, environment):
    result = subprocess.run(
        [sys.executable, *arguments],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """STATIC_ROOT after `collectstatic` under production settings, and that environment."""
    static_root = tmp_path_factory.mktemp("staticfiles")
    environment = production_environment(static_root)
    run(["manage.py", "collectstatic", "--noinput", "--verbosity", "0"], environment)
    return static_root, environment


@pytest.fixture(scope="module")
def hashed_css(collected):
    static_root, _ = collected
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    return manifest["paths"]["css/site.css"]


def get(url, environment):
    return json.loads(run(["-c", REQUEST, url, HOST], environment))


def test_collectstatic_fingerprints_the_stylesheet_and_maps_it_in_the_manifest(
    collected, hashed_css
):
    static_root, _ = collected

    assert re.fullmatch(r"css/site\.[0-9a-f]{12}\.css", hashed_css)
    assert (static_root / hashed_css).stat().st_size > 0


def test_collectstatic_writes_compressed_copies_of_the_stylesheet(collected, hashed_css):
    static_root, _ = collected

    compressed = static_root / f"{hashed_css}.gz"
    assert gzip.decompress(compressed.read_bytes()) == (static_root / hashed_css).read_bytes()
    if importlib.util.find_spec("brotli"):
        assert (static_root / f"{hashed_css}.br").exists()


def test_the_fingerprinted_stylesheet_is_served_compressed_and_cached_for_a_year(
    collected, hashed_css
):
    _, environment = collected

    response = get(f"/static/{hashed_css}", environment)

    assert response["status"] == 200
    assert response["content_type"].startswith("text/css")
    assert response["content_encoding"] == "gzip"
    max_age = re.search(r"max-age=(\d+)", response["cache_control"])
    assert max_age and int(max_age[1]) >= ONE_YEAR
    assert "immutable" in response["cache_control"]


def test_the_unfingerprinted_name_is_not_cached_as_immutable(collected):
    _, environment = collected

    response = get("/static/css/site.css", environment)

    assert response["status"] == 200
    assert "immutable" not in response["cache_control"]
