"""Time the reader pages and API lists in-process: median and p95 milliseconds and SQL queries per page.

    uv run python bench/pages.py [--requests 50]                       # SQLite in a temp file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/an_empty_database uv run python bench/pages.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/briefings_bench \
        uv run python bench/pages.py --existing [--content-cache]

Loads the demo content into a fresh database (it must be empty or absent) or, with --existing,
measures the database as it is (such as bench/run's 10,000-briefing corpus), then requests each
page through Django's test client, so the numbers measure Django and the database, not a server.
The page cache is off; the content cache too, unless --content-cache. bench/run measures the
site under gunicorn.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("LOG_LEVEL", "WARNING")  # not a line per request
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from briefings.models import Actor, Briefing, FAQEntry, Place, Quote, Topic  # noqa: E402


def pages():
    briefing = Briefing.objects.published().first()
    # The actor, topic and place with the most briefings: the heaviest pages of their kind.
    actor = (
        Actor.objects.annotate(n=Count("briefing_links")).order_by("-n", "pk").first()
        or Actor.objects.first()
    )
    topic = Topic.objects.annotate(n=Count("briefings")).order_by("-n", "pk").first()
    place = Place.objects.annotate(n=Count("briefings")).order_by("-n", "pk").first()
    return {
        "home": "/",
        "briefing list": "/briefings/",
        "briefing list, filtered": f"/briefings/?topic={topic.slug}",
        "briefing": briefing.get_absolute_url(),
        "actor": actor.get_absolute_url(),
        "topic": topic.get_absolute_url(),
        "place": place.get_absolute_url(),
        "quote list": "/quotes/",
        "quote": Quote.objects.published().first().get_absolute_url(),
        "FAQ list": "/faq/",
        "FAQ list, one topic": f"/faq/?topic={topic.slug}",
        "FAQ entry": FAQEntry.objects.published().first().get_absolute_url(),
        "search": "/search/?q=security",
        "feed": "/feeds/briefings/",
        "sitemap": "/sitemap.xml",
        "API briefing list": "/api/v1/briefings/?format=json",
        "API briefing": f"/api/v1/briefings/{briefing.pk}/?format=json",
        "API quote list": "/api/v1/quotes/?format=json",
        "API actor list": "/api/v1/actors/?format=json",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50, help="requests per page (default 50)")
    parser.add_argument(
        "--existing", action="store_true", help="measure the database as it is, loading nothing"
    )
    parser.add_argument(
        "--content-cache", action="store_true", help="with CONTENT_CACHE_SECONDS=300"
    )
    args = parser.parse_args()

    if not args.existing:
        call_command("migrate", verbosity=0)
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
    settings.CONTENT_CACHE_SECONDS = 300 if args.content_cache else 0
    client = Client()
    print(
        f"{connection.vendor}, {Briefing.objects.count():,} briefings, content cache "
        f"{'on' if args.content_cache else 'off'}, {args.requests} requests per page after one "
        "warm-up\n"
    )
    print(f"{'page':<26}{'median ms':>10}{'p95 ms':>9}{'queries':>9}")
    for name, url in pages().items():
        client.get(url)
        timings = []
        for _ in range(args.requests):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        p95 = statistics.quantiles(timings, n=20)[-1]
        print(f"{name:<26}{statistics.median(timings):>10.1f}{p95:>9.1f}{len(queries):>9}")


if __name__ == "__main__":
    main()
