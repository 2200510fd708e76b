"""Time reader pages and API reads under gunicorn with production settings, page cache off and on.

    uv run python bench/page_cache.py [--requests 200] [--redis-url redis://127.0.0.1:6379/13]

Loads the demo into a scratch PostgreSQL database (created and dropped here), then for
PAGE_CACHE_SECONDS=0 and =300 starts gunicorn (2 workers, Redis cache), warms each page once per
worker and prints the median and 95th-percentile latency of sequential requests, as a reader's
browser behind a TLS proxy would make them.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY / ".ci"))
sys.path.insert(0, str(REPOSITORY))

from smoke import SCRATCH_DATABASE, manage, psql  # noqa: E402

from bench.suite import Gunicorn  # noqa: E402

PAGES = {
    "home": "/",
    "briefing": "/briefings/ukraine-peace-talks-and-the-new-security-landscape/",
    "actor": "/actors/mark-rutte/",
    "topic": "/topics/alliances/",
    "API briefing list": "/api/v1/briefings/?format=json",
}


def get(url):
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--port", type=int, default=8124)
    options = parser.parse_args()

    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": "bench-only-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": options.server.rsplit("/", 1)[0] + f"/{SCRATCH_DATABASE}",
        "REDIS_URL": options.redis_url,
        "API_THROTTLE_ANON": "1000000/min",  # one client making every request
    }
    psql(options.server, f"DROP DATABASE IF EXISTS {SCRATCH_DATABASE}")
    psql(options.server, f"CREATE DATABASE {SCRATCH_DATABASE}")
    try:
        manage(environment, "migrate", "--noinput", "-v", "0")
        manage(environment, "collectstatic", "--noinput", "-v", "0")
        manage(environment, "load_demo")
        print(f"{options.requests} sequential requests per page, gunicorn with 2 workers\n")
        print(f"{'page':<20} {'cache':>6} {'p50 ms':>8} {'p95 ms':>8}")
        for seconds in ("0", "300"):
            manage(
                environment,
                "shell",
                "--no-imports",
                "-c",
                "from django.core.cache import cache; cache.clear()",
            )
            server = Gunicorn(
                {**environment, "PAGE_CACHE_SECONDS": seconds, "LOG_LEVEL": "WARNING"},
                options.port,
                Path(tempfile.gettempdir()) / f"bench-page-cache-{seconds}.log",
            )
            try:
                base = f"http://127.0.0.1:{options.port}"
                for name, path in PAGES.items():
                    for _ in range(4):  # each worker renders and stores it once
                        get(base + path)
                    times = sorted(get(base + path) for _ in range(options.requests))
                    p95 = times[int(len(times) * 0.95) - 1]
                    label = "on" if seconds != "0" else "off"
                    print(f"{name:<20} {label:>6} {statistics.median(times):>8.1f} {p95:>8.1f}")
            finally:
                server.stop()
    finally:
        psql(options.server, f"DROP DATABASE IF EXISTS {SCRATCH_DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    main()
