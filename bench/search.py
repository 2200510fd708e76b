"""Search latency through the API under gunicorn, over a fixed query set.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/briefings_10k \\
        uv run python bench/search.py --briefings 10000 [--rounds 20] [--concurrency 1]

Migrates the database, fills it with `generate_corpus --briefings N --seed 1` when it holds no
briefings yet (an existing corpus is reused, so 10k and 100k each need their own database),
starts gunicorn with production settings (2 sync workers) on 127.0.0.1, and requests
`/api/v1/search/` for every query of the set, round after round, from `--concurrency` client
threads. Prints p50, p95 and p99 in milliseconds per query and overall, and requests per second.
The search cache is off unless `--cache` is given, so that every request runs the search.

The query set is fixed: vocabulary words and phrases the corpus generator writes, web-search
syntax (phrase, `or`, exclusion), and a name, an alias and a misspelt name, plus a title, taken
from the corpus by primary key so that the same seed gives the same queries.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ["sanctions", "ceasefire", "election", "tariffs", "pipeline", "drone"]
SYNTAX = ['"grain corridor"', "sanctions -oil", "tariffs or embargo", '"security guarantees"']


def manage(*args, env):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def shell(code, env):
    """Run `code` in a Django shell and return what it prints."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1]


def corpus_queries(env):
    code = (
        "import json\n"
        "from briefings.models import Actor, ActorAlias, Briefing\n"
        "actor = Actor.objects.filter(kind='person').order_by('pk').first()\n"
        "alias = ActorAlias.objects.filter(actor=actor).order_by('pk').first()\n"
        "title = Briefing.objects.published().order_by('pk').values_list('title', flat=True)[10]\n"
        "print(json.dumps([actor.name, alias.name if alias else actor.name, title]))"
    )
    name, alias, title = json.loads(shell(code, env))
    surname = name.split()[-1]
    typo = surname[:2] + surname[3] + surname[2] + surname[4:] if len(surname) > 4 else surname
    return [*WORDS, *SYNTAX, name, alias, typo, title]


def start_gunicorn(env, port, workers):
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--worker-class=sync",
        "--log-level=warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    url = f"http://127.0.0.1:{port}/api/v1/search/?q=warmup"
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 20 seconds")


def get(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        body = response.read()
        assert response.status == 200, response.status
    return (time.perf_counter() - started) * 1000, json.loads(body)["count"]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--briefings", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8871)
    parser.add_argument(
        "--cache",
        action="store_true",
        help="keep the search cache on (SEARCH_CACHE_SECONDS=60): after the warm-up every "
        "request is a cache hit. Without it every request runs the search (the default).",
    )
    options = parser.parse_args()

    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres", "pgsql")):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database: the benchmark is for it.")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": "benchmark-only-secret-key-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "API_THROTTLE_ANON": "1000000/min",
        "SEARCH_CACHE_SECONDS": "60" if options.cache else "0",
        "PYTHONUNBUFFERED": "1",
    }
    manage("migrate", "--verbosity", "0", env=env)
    count = int(
        shell("from briefings.models import Briefing; print(Briefing.objects.count())", env)
    )
    if count == 0:
        manage("generate_corpus", "--briefings", str(options.briefings), "--seed", "1", env=env)
        count = options.briefings
    elif count < options.briefings * 0.9:
        print(f"note: the database holds {count} briefings, not {options.briefings}")
    manage(
        "shell",
        "-c",
        "from django.db import connection; connection.cursor().execute('ANALYZE')",
        env=env,
    )
    queries = corpus_queries(env)

    server = start_gunicorn(env, options.port, options.workers)
    try:
        base = f"http://127.0.0.1:{options.port}/api/v1/search/?"
        urls = {q: base + urllib.parse.urlencode({"q": q}) for q in queries}
        results = {q: [] for q in queries}
        counts = {}
        for q, url in urls.items():  # warm up: each query once
            counts[q] = get(url)[1]
        lock = threading.Lock()

        def one(query):
            elapsed, _ = get(urls[query])
            with lock:
                results[query].append(elapsed)

        started = time.perf_counter()
        with ThreadPoolExecutor(options.concurrency) as pool:
            for _ in range(options.rounds):
                list(pool.map(one, queries))
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()

    every = [ms for values in results.values() for ms in values]
    print(
        f"\nSearch API: {count} briefings, {options.rounds} rounds × {len(queries)} queries, "
        f"concurrency {options.concurrency}, gunicorn {options.workers} sync workers, "
        f"search cache {'on' if options.cache else 'off'}"
    )
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(f"{'query':<44} {'results':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for q, values in results.items():
        print(
            f"{q[:44]:<44} {counts[q]:>8} {statistics.median(values):>8.1f} "
            f"{percentile(values, 0.95):>8.1f} {percentile(values, 0.99):>8.1f}"
        )
    print(
        f"{'all':<44} {'':>8} {statistics.median(every):>8.1f} "
        f"{percentile(every, 0.95):>8.1f} {percentile(every, 0.99):>8.1f}"
    )
    print(f"throughput: {len(every) / wall:.1f} requests/s")


if __name__ == "__main__":
    main()
