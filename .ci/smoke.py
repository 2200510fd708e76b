"""The production smoke test: gunicorn with production settings against PostgreSQL and Redis.

    uv run python .ci/smoke.py [--database-url postgres://postgres@127.0.0.1:5432/postgres]
                               [--redis-url redis://127.0.0.1:6379/15] [--port 8123]

Creates a scratch database, migrates it, loads the demo content, collects static files and runs
`check --deploy`; then serves the site with gunicorn exactly as production does and checks the
home page, a briefing, the API, a static file and the health endpoints: status codes, security
headers and cache headers. Everything it started or created is stopped and removed at the end.
Exits non-zero, naming each failed check, if anything is wrong.
"""

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
SCRATCH_DATABASE = "briefings_smoke"
SECURITY_HEADERS = [
    "Content-Security-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Permissions-Policy",
    "X-Request-ID",
]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(url, *, https=True):
    """(status, headers, body) of a GET, as if behind a TLS proxy unless `https` is False."""
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"} if https else {})
    try:
        with OPENER.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def manage(environment, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], env=environment, cwd=REPOSITORY, check=True
    )


def psql(server_url, statement):
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(statement)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/postgres",
        help="A PostgreSQL server to create the scratch database on (its maintenance database).",
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/15")
    parser.add_argument("--port", type=int, default=8123)
    options = parser.parse_args()

    server = options.database_url
    database_url = server.rsplit("/", 1)[0] + f"/{SCRATCH_DATABASE}"
    static_root = tempfile.mkdtemp(prefix="briefings-static-")
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": options.redis_url,
        "DJANGO_STATIC_ROOT": static_root,
        "PAGE_CACHE_SECONDS": "300",
    }
    environment.pop("DATABASE_REPLICA_URL", None)
    psql(server, f"DROP DATABASE IF EXISTS {SCRATCH_DATABASE}")
    psql(server, f"CREATE DATABASE {SCRATCH_DATABASE}")
    gunicorn = None
    failures = []
    try:
        manage(environment, "check", "--deploy", "--fail-level", "WARNING")
        manage(environment, "migrate", "--noinput", "-v", "0")
        manage(environment, "collectstatic", "--noinput", "-v", "0")
        manage(environment, "load_demo")
        manage(environment, "shell", "-c", "from django.core.cache import cache; cache.clear()")
        gunicorn = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{options.port}",
                "--workers",
                "2",
                "--timeout",
                "30",
            ],
            env=environment,
            cwd=REPOSITORY,
        )
        base = f"http://127.0.0.1:{options.port}"
        for _ in range(60):
            try:
                if fetch(f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            raise SystemExit("gunicorn did not answer /healthz within 30 s")
        failures = run_checks(base)
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
        psql(server, f"DROP DATABASE IF EXISTS {SCRATCH_DATABASE} WITH (FORCE)")
    if failures:
        print("Production smoke test FAILED:\n  " + "\n  ".join(failures))
        return 1
    print("Production smoke test passed.")
    return 0


def run_checks(base):
    failures = []

    def check(condition, message):
        print(("ok   " if condition else "FAIL ") + message)
        if not condition:
            failures.append(message)

    status, headers, body = fetch(f"{base}/")
    check(status == 200, f"home page: 200 (got {status})")
    for name in SECURITY_HEADERS:
        check(name in headers, f"home page: {name} is sent")
    csp = headers.get("Content-Security-Policy", "")
    check(
        "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp,
        f"home page: strict CSP ({csp})",
    )
    check(
        "max-age=31536000" in headers.get("Strict-Transport-Security", ""),
        "home page: HSTS for a year",
    )
    check("public" in headers.get("Cache-Control", ""), "home page: Cache-Control public")
    check(bool(headers.get("ETag")), "home page: ETag")
    check(fetch(f"{base}/")[1].get("X-Cache") == "hit", "home page: second request from the cache")

    status, headers, _ = fetch(f"{base}/", https=False)
    check(
        status == 301 and headers.get("Location", "").startswith("https://"),
        f"plain HTTP redirects to HTTPS (got {status} {headers.get('Location')})",
    )

    status, headers, body = fetch(
        f"{base}/briefings/ukraine-peace-talks-and-the-new-security-landscape/"
    )
    check(
        status == 200 and b"actor-mention" in body,
        f"a briefing: 200 with linked actors (got {status})",
    )

    status, headers, body = fetch(f"{base}/api/v1/briefings/?format=json")
    check(status == 200, f"API list: 200 (got {status})")
    check(headers.get("Content-Type", "").startswith("application/json"), "API list: JSON")
    check(json.loads(body or b"{}").get("count", 0) >= 1, "API list: has briefings")

    status, headers, body = fetch(f"{base}/")
    stylesheet = next(
        (
            part.split('"')[0]
            for part in body.decode().split('href="/static/')[1:]
            if ".css" in part.split('"')[0]
        ),
        None,
    )
    check(stylesheet is not None, "home page links a fingerprinted stylesheet")
    if stylesheet:
        status, headers, _ = fetch(f"{base}/static/{stylesheet}")
        check(status == 200, f"static file {stylesheet}: 200 (got {status})")
        check("immutable" in headers.get("Cache-Control", ""), "static file: immutable caching")

    status, headers, body = fetch(f"{base}/readyz", https=False)
    check(
        status == 200 and json.loads(body).get("status") == "ok",
        f"/readyz: ok (got {status} {body[:120]!r})",
    )
    check("no-store" in headers.get("Cache-Control", ""), "/readyz: not cached")
    status, _, _ = fetch(f"{base}/healthz", https=False)
    check(status == 200, f"/healthz: 200 over plain HTTP (got {status})")

    status, headers, _ = fetch(f"{base}/admin/login/")
    check(status == 200, f"admin login: 200 (got {status})")
    check("X-Cache" not in headers, "admin login: never from the page cache")
    return failures


if __name__ == "__main__":
    sys.exit(main())
