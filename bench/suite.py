"""The whole benchmark: throughput against the framework's limit, load, and a database restart.

    bench/run [--briefings 10000] [--duration 10] [--rounds 3] [--skip-faults] [--fresh]

1. A corpus of `--briefings` synthetic briefings (`generate_corpus`) in a PostgreSQL database of
   its own, `briefings_bench`, kept between runs and made again only when missing, of another
   size, or with `--fresh`.
2. gunicorn exactly as deployed (production settings, 2 sync workers, Redis cache), with one
   addition: /bench/baseline/ serves the exact bytes of the measured briefing page from memory
   (bench/urls.py), the fastest any page can be served on this machine with this stack.
3. Throughput: wrk, 16 connections, each target in turn for `--duration` seconds, `--rounds`
   rounds with the order rotated; the median of the rounds. First with PAGE_CACHE_SECONDS=0
   (every request renders), then with the page cache warm. Every target is reported as
   requests per second, p50 and p99 latency, and its ratio to the baseline of the same server.
4. Load: 64 connections for 60 s over a mix of pages, API reads and searches across hundreds
   of different briefings, actors and queries, page cache on: errors and p99.
5. Faults: the same mix with the page cache off while PostgreSQL is stopped for a few seconds
   and started again, and an API client keeps creating sources. Reports every status the site
   answered (503s while down, never a 500), how long it took to serve again after PostgreSQL
   was back, that the gunicorn workers are the same processes, and that every write that was
   acknowledged with a 201 is in the database afterwards.

The results replace the part of docs/performance.md between its two `bench:results` markers.
Needs wrk (`apt-get install wrk`) and, for the faults, a Debian PostgreSQL cluster on this
machine that `pg_ctlcluster` can stop and start (`--skip-faults` otherwise).
"""

import argparse
import datetime
import http.client
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
DATABASE = "briefings_bench"
REPORT = REPOSITORY / "docs" / "performance.md"
START_MARKER = "<!-- bench:results:start -->"
END_MARKER = "<!-- bench:results:end -->"
JSON = [("Accept", "application/json")]
SEARCH_WORDS = ["sanctions", "ceasefire", "election", "tariffs", "pipeline", "drone"]

# Each target's floor as a fraction of the baseline's requests per second, from the issue.
TARGETS = {
    ("briefing", "off"): 0.2,
    ("briefing", "warm"): 0.8,
    ("API briefing list", "off"): 0.2,
    ("API briefing list", "warm"): 0.2,
}
P99_LIMIT_MS = 100


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- the database and the server -------------------------------------------------------------


def psql(server_url, statement, *, database="postgres"):
    import psycopg

    url = server_url.rsplit("/", 1)[0] + f"/{database}"
    with psycopg.connect(url, autocommit=True) as connection:
        cursor = connection.execute(statement)
        return cursor.fetchall() if cursor.description else None


def manage(environment, *args, capture=False):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        env=environment,
        cwd=REPOSITORY,
        check=True,
        capture_output=capture,
        text=True,
    )
    return result.stdout


def prepare_corpus(options, environment):
    exists = psql(options.server, f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'")
    if exists and not options.fresh:
        try:
            count = psql(
                options.server, "SELECT count(*) FROM briefings_briefing", database=DATABASE
            )[0][0]
        except Exception:
            count = None
        if count == options.briefings:
            log(f"reusing {DATABASE}: {count} briefings (--fresh makes it again)")
            manage(environment, "migrate", "--noinput", "-v", "0")
            return None
    log(f"creating {DATABASE} with {options.briefings} briefings")
    psql(options.server, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    psql(options.server, f"CREATE DATABASE {DATABASE}")
    manage(environment, "migrate", "--noinput", "-v", "0")
    started = time.monotonic()
    manage(environment, "generate_corpus", "--briefings", str(options.briefings), "-v", "0")
    seconds = time.monotonic() - started
    log(f"corpus generated in {seconds:.0f} s")
    return seconds


def sample(options):
    """Paths of real public objects: the briefing and actor measured, and many for the mixes."""

    def rows(sql):
        return psql(options.server, sql, database=DATABASE)

    public = "status = 'published' AND published_at <= now()"
    briefings = rows(
        f"SELECT id, slug FROM briefings_briefing WHERE {public} ORDER BY id LIMIT 300"
    )
    # The measured briefing: the public one whose body is the median length, a typical page.
    (median_id, median_slug) = rows(
        f"SELECT id, slug FROM briefings_briefing WHERE {public} "
        "ORDER BY length(body) LIMIT 1 OFFSET "
        f"(SELECT count(*) / 2 FROM briefings_briefing WHERE {public})"
    )[0]
    actors = rows(
        "SELECT a.slug FROM briefings_actor a WHERE NOT a.needs_review AND EXISTS ("
        "SELECT 1 FROM briefings_briefingactor ba WHERE ba.actor_id = a.id) ORDER BY a.id LIMIT 200"
    )
    # The measured actor: the one in most briefings, the heaviest profile.
    (busiest_actor,) = rows(
        "SELECT a.slug FROM briefings_actor a JOIN briefings_briefingactor ba "
        "ON ba.actor_id = a.id GROUP BY a.slug ORDER BY count(*) DESC, a.slug LIMIT 1"
    )[0]
    topics = [slug for (slug,) in rows("SELECT slug FROM briefings_topic ORDER BY id")]
    return {
        "briefing": (median_id, median_slug),
        "actor": busiest_actor,
        "briefings": briefings,
        "actors": [slug for (slug,) in actors],
        "topics": topics,
    }


def server_environment(work, *, database_url, redis_url):
    """The environment of gunicorn and manage.py: production settings (bench/settings.py), a
    static root and an empty baseline page in `work`, and the API's throttling lifted, since the
    benchmark is one client making every request. Also used by bench/hostile.py."""
    baseline_file = Path(work) / "baseline.html"
    baseline_file.write_bytes(b"")
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_SECRET_KEY": "bench-only-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DJANGO_STATIC_ROOT": str(Path(work) / "static"),
        "API_THROTTLE_ANON": "100000000/min",
        "API_THROTTLE_USER": "100000000/min",
        "BENCH_BASELINE_FILE": str(baseline_file),
    }
    environment.pop("DATABASE_REPLICA_URL", None)
    return environment


class Gunicorn:
    def __init__(self, environment, port, log_path):
        self.port = port
        self.log_path = log_path
        self.log_file = open(log_path, "w")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--worker-class",
                "sync",
                "--timeout",
                "30",
            ],
            env=environment,
            cwd=REPOSITORY,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
        )
        for _ in range(120):
            try:
                fetch(self.url("/healthz"))
                return
            except OSError:
                time.sleep(0.25)
        self.stop()
        raise SystemExit(f"gunicorn did not start; see {log_path}")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def workers(self):
        output = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.process.pid)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        return sorted(int(pid) for pid in output.split())

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log_file.close()


def fetch(url, *, headers=(), method="GET", body=None, timeout=10):
    request = urllib.request.Request(url, method=method, data=body)
    request.add_header("X-Forwarded-Proto", "https")
    for name, value in headers:
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


# --- wrk ---------------------------------------------------------------------------------------


def wrk(url, *, connections, seconds, headers=(), script=None):
    command = [
        "wrk",
        "--threads",
        "1",  # one wrk thread leaves the second core to gunicorn's workers
        "--connections",
        str(connections),
        "--duration",
        f"{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        "-H",
        "X-Forwarded-Proto: https",
    ]
    for name, value in headers:
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["--script", script]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def _milliseconds(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def parse_wrk(output):
    latency = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", output, re.MULTILINE))
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p50": _milliseconds(latency["50"]),
        "p99": _milliseconds(latency["99"]),
        "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
    }


def drain(server):
    """Wait for the requests wrk left queued when it stopped, so the next target starts idle.

    Sync workers take one request at a time; when wrk stops, up to 16 requests are still in
    gunicorn's backlog and would otherwise be served during the next target's run.
    """
    for _ in range(3):
        fetch(server.url("/healthz"), timeout=120)


def mix_script(paths, directory):
    """A wrk script requesting the paths at random, API paths with Accept: application/json."""
    entries = ",\n".join(
        "  {{{}, {}}}".format(json.dumps(path), "true" if path.startswith("/api/") else "false")
        for path in paths
    )
    script = Path(directory) / "mix.lua"
    script.write_text(
        "local paths = {\n" + entries + "\n}\n"
        "math.randomseed(os.time())\n"
        "request = function()\n"
        "  local entry = paths[math.random(#paths)]\n"
        '  local headers = {["X-Forwarded-Proto"] = "https"}\n'
        '  if entry[2] then headers["Accept"] = "application/json" end\n'
        '  return wrk.format("GET", entry[1], headers)\n'
        "end\n"
    )
    return str(script)


def mix_paths(objects):
    paths = ["/", "/briefings/", "/actors/", "/quotes/", "/topics/", "/feeds/briefings/"]
    for pk, slug in objects["briefings"]:
        paths += [f"/briefings/{slug}/", f"/api/v1/briefings/{pk}/"]
    paths += [f"/actors/{slug}/" for slug in objects["actors"]]
    paths += [f"/topics/{slug}/" for slug in objects["topics"]]
    for page in range(1, 21):
        paths += [f"/briefings/?page={page}", f"/api/v1/briefings/?page={page}"]
    for word in SEARCH_WORDS:
        paths += [f"/search/?q={word}", f"/api/v1/search/?q={word}"]
        paths += [f"/api/v1/search/?q={word}&page=2", f"/api/v1/quotes/?search={word}"]
    return paths


# --- the phases --------------------------------------------------------------------------------


def throughput(server, targets, options):
    """{target: {rps, p50, p99, ...}}: medians over rounds, targets alternated."""
    for name, (path, headers) in targets.items():
        for _ in range(4):  # every worker renders it, and the cache is warm where it is on
            status, _body = fetch(server.url(path), headers=headers)
            if status != 200:
                raise SystemExit(f"{name} ({path}) answered {status}")
    names = list(targets)
    runs = {name: [] for name in names}
    for round_number in range(options.rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            path, headers = targets[name]
            runs[name].append(
                wrk(server.url(path), connections=16, seconds=options.duration, headers=headers)
            )
            drain(server)
        log(f"round {round_number + 1}/{options.rounds} done")
    return {
        name: {
            "rps": statistics.median(run["rps"] for run in results),
            "p50": statistics.median(run["p50"] for run in results),
            "p99": statistics.median(run["p99"] for run in results),
            "errors": sum(run["socket_errors"] + run["non_2xx"] for run in results),
        }
        for name, results in runs.items()
    }


def faults(server, script, options, environment):
    """Stop PostgreSQL during a load, start it again; what readers and writers saw."""
    version, cluster = options.cluster.split("/")
    workers_before = server.workers()
    acknowledged, refused, probes = [], [], []
    stop = threading.Event()
    token = manage(
        environment,
        "shell",
        "--no-imports",
        "-c",
        "from django.contrib.auth import get_user_model; from knox.models import AuthToken;"
        "u, _ = get_user_model().objects.get_or_create(username='bench-writer', "
        "defaults={'is_staff': True, 'is_superuser': True});"
        "print(AuthToken.objects.create(u)[1])",
        capture=True,
    ).split()[-1]

    def writer():
        while not stop.is_set():
            marker = uuid.uuid4().hex
            body = json.dumps(
                {
                    "document_url": f"https://bench.example/fault/{marker}",
                    "title": f"Fault test {marker}",
                    "publisher": "Benchmark",
                }
            ).encode()
            try:
                status, content = fetch(
                    server.url("/api/v1/sources/"),
                    method="POST",
                    body=body,
                    headers=[
                        *JSON,
                        ("Content-Type", "application/json"),
                        ("Authorization", f"Token {token}"),
                    ],
                    timeout=15,
                )
            except (OSError, http.client.HTTPException) as error:
                refused.append(type(error).__name__)
                continue
            if status == 201:
                acknowledged.append(json.loads(content)["id"])
            else:
                refused.append(status)
            time.sleep(0.05)

    def probe():
        path = f"/briefings/{options.objects['briefing'][1]}/"
        while not stop.is_set():
            at = time.monotonic()
            try:
                status, _ = fetch(server.url(path), timeout=15)
            except (OSError, http.client.HTTPException) as error:
                status = type(error).__name__
            probes.append((at, status))
            time.sleep(0.1)

    seconds = options.fault_seconds
    threads = [threading.Thread(target=writer), threading.Thread(target=probe)]
    load = {}
    loader = threading.Thread(
        target=lambda: load.update(
            wrk(server.url("/"), connections=64, seconds=seconds, script=script)
        )
    )
    for thread in [loader, *threads]:
        thread.start()
    time.sleep(seconds / 4)
    stopped_at = time.monotonic()
    log(f"stopping PostgreSQL {version}/{cluster}")
    subprocess.run(["pg_ctlcluster", version, cluster, "stop", "-m", "fast"], check=True)
    try:
        time.sleep(options.down_seconds)
    finally:
        subprocess.run(["pg_ctlcluster", version, cluster, "start"], check=True)
    while True:
        try:
            psql(options.server, "SELECT 1")
            break
        except Exception:
            time.sleep(0.05)
    back_at = time.monotonic()
    log("PostgreSQL is back")
    loader.join()
    stop.set()
    for thread in threads:
        thread.join()

    recovered = [at for at, status in probes if at >= back_at and status == 200]
    down = [status for at, status in probes if stopped_at <= at < back_at]
    missing = []
    if acknowledged:
        ids = ",".join(str(pk) for pk in acknowledged)
        found = {
            pk
            for (pk,) in psql(
                options.server,
                f"SELECT id FROM briefings_source WHERE id IN ({ids})",
                database=DATABASE,
            )
        }
        missing = sorted(set(acknowledged) - found)
    statuses = {}
    server.log_file.flush()
    with open(server.log_path) as log_file:
        for match in re.finditer(r"status=(\d{3})", log_file.read()):
            statuses[match.group(1)] = statuses.get(match.group(1), 0) + 1
    return {
        "down_seconds": back_at - stopped_at,
        "recovery_seconds": (recovered[0] - back_at) if recovered else None,
        "probe_statuses_while_down": sorted({str(s) for s in down}),
        "statuses": dict(sorted(statuses.items())),
        "load": load,
        "acknowledged": len(acknowledged),
        "refused": len(refused),
        "missing": missing,
        "same_workers": server.workers() == workers_before,
    }


# --- the report ---------------------------------------------------------------------------------


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} × {cpu}{memory}; {platform.system()} {platform.release()}"


def versions(options):
    import django

    postgres = psql(options.server, "SHOW server_version")[0][0]
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout
    return (
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"PostgreSQL {postgres.split()[0]}, {wrk_version.split(' [')[0].strip() or 'wrk'}"
    )


def verdict(ok):
    return "met" if ok else "**missed**"


def throughput_table(results, baseline_name="baseline"):
    baseline = results[baseline_name]["rps"]
    lines = [
        "| target | requests/s | p50 ms | p99 ms | × baseline | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, result in results.items():
        ratio = result["rps"] / baseline
        lines.append(
            f"| {name} | {result['rps']:.0f} | {result['p50']:.1f} | {result['p99']:.1f} "
            f"| {ratio:.2f} | {result['errors']} |"
        )
    return lines


def check_targets(off, warm):
    checks = []
    for (name, mode), floor in TARGETS.items():
        results = off if mode == "off" else warm
        ratio = results[name]["rps"] / results["baseline"]["rps"]
        label = "page cache off" if mode == "off" else "page cache warm"
        checks.append((f"{name}, {label}: ≥ {floor}× baseline", f"{ratio:.2f}×", ratio >= floor))
    for mode, results in (("off", off), ("warm", warm)):
        label = "page cache off" if mode == "off" else "page cache warm"
        slow = {name: r["p99"] for name, r in results.items() if r["p99"] >= P99_LIMIT_MS}
        detail = (
            ", ".join(f"{name} {p99:.0f} ms" for name, p99 in slow.items())
            if slow
            else f"slowest {max(r['p99'] for r in results.values()):.0f} ms"
        )
        checks.append((f"p99 < {P99_LIMIT_MS} ms at 16 connections, {label}", detail, not slow))
    return checks


def report(options, started, corpus_seconds, off, warm, load, fault):
    lines = [
        START_MARKER,
        "",
        f"Measured on {started:%Y-%m-%d %H:%M} UTC with "
        f"`{' '.join(['bench/run', *options.argv])}`.",
        "",
        f"- Machine: {machine()}.",
        f"- Software: {versions(options)}.",
        f"- Corpus: {options.briefings:,} briefings from `generate_corpus`"
        + (f", generated in {corpus_seconds:.0f} s" if corpus_seconds else "")
        + ".",
        f"- Measured briefing: `/briefings/{options.objects['briefing'][1]}/` (median body "
        f"length, {options.baseline_bytes:,} bytes); actor: `/actors/{options.objects['actor']}/` "
        "(in the most briefings).",
        f"- wrk: 1 thread, 16 connections, {options.duration} s per target, {options.rounds} "
        "rounds with the order rotated, medians of the rounds. gunicorn: production settings, "
        "2 sync workers, Redis cache.",
        "",
    ]
    if off and warm:
        lines += ["### Targets", "", "| target | measured | |", "|---|---|---|"]
        for label, measured, ok in check_targets(off, warm):
            lines.append(f"| {label} | {measured} | {verdict(ok)} |")
        lines += ["", "### Page cache off (`PAGE_CACHE_SECONDS=0`): every request renders", ""]
        lines += throughput_table(off)
        lines += ["", "### Page cache on and warm (`PAGE_CACHE_SECONDS=300`)", ""]
        lines += throughput_table(warm)
    if load:
        errors = load["socket_errors"] + load["non_2xx"]
        lines += [
            "",
            f"### Load: 64 connections for {options.load_seconds} s, page cache on",
            "",
            f"A random mix of {options.mix_size} paths: pages, API lists and details, "
            "searches and feeds over hundreds of different briefings and actors.",
            "",
            "| requests | requests/s | p50 ms | p99 ms | errors |",
            "|---:|---:|---:|---:|---:|",
            f"| {load['requests']:,} | {load['rps']:.0f} | {load['p50']:.1f} | "
            f"{load['p99']:.1f} | {errors} ({verdict(errors == 0)}: zero) |",
        ]
    if fault:
        recovery = fault["recovery_seconds"]
        lines += [
            "",
            "### Faults: PostgreSQL stopped and started under load",
            "",
            f"The same mix, page cache off, 64 connections for {options.fault_seconds} s; "
            f"PostgreSQL stopped (`pg_ctlcluster … stop -m fast`) for {options.down_seconds} s "
            "a quarter of the way in, then started. Meanwhile one API client created sources, "
            "one after another.",
            "",
            f"- Down for {fault['down_seconds']:.1f} s (stop to accepting connections). "
            "Statuses a reader saw meanwhile: "
            + (", ".join(fault["probe_statuses_while_down"]) or "none")
            + ".",
            "- Every status the site answered during the run (its request log): "
            + ", ".join(f"{code} × {count:,}" for code, count in fault["statuses"].items())
            + f". 500s: {fault['statuses'].get('500', 0)} "
            f"({verdict(not fault['statuses'].get('500'))}: none).",
            "- Serving again "
            + (f"{recovery:.2f} s" if recovery is not None else "**never**")
            + " after PostgreSQL accepted connections, with the same gunicorn workers: "
            + ("yes" if fault["same_workers"] else "**no**")
            + ".",
            f"- Writes: {fault['acknowledged']} acknowledged (201), {fault['refused']} refused "
            "(503 or connection error, for the client to retry); acknowledged but missing "
            f"afterwards: {len(fault['missing'])} ({verdict(not fault['missing'])}: none).",
        ]
    lines += ["", END_MARKER]
    return "\n".join(lines)


def write_report(section, *, start=START_MARKER, end=END_MARKER):
    """Replace what lies between `start` and `end` in docs/performance.md with `section`."""
    text = REPORT.read_text() if REPORT.exists() else f"# Performance\n\n{start}\n{end}\n"
    if start not in text:
        text = text.rstrip() + f"\n\n{start}\n{end}\n"
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    REPORT.write_text(before + section + after)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--briefings", type=int, default=10000)
    parser.add_argument("--duration", type=int, default=10, help="Seconds per wrk run.")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--fault-seconds", type=int, default=40)
    parser.add_argument("--down-seconds", type=int, default=5)
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-faults", action="store_true")
    parser.add_argument("--fresh", action="store_true", help="Generate the corpus again.")
    parser.add_argument("--cluster", default=None, help="VERSION/NAME for pg_ctlcluster.")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/12")
    parser.add_argument("--port", type=int, default=8125)
    parser.add_argument("--no-report", action="store_true", help="Print, don't write the doc.")
    options = parser.parse_args()
    options.argv = sys.argv[1:]
    options.baseline_bytes = 0
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    if not options.skip_faults and options.cluster is None:
        clusters = subprocess.run(
            ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=False
        ).stdout.split()
        if not clusters:
            raise SystemExit("No pg_ctlcluster cluster here: pass --cluster or --skip-faults.")
        options.cluster = f"{clusters[0]}/{clusters[1]}"

    started = datetime.datetime.now(datetime.UTC)
    work = tempfile.mkdtemp(prefix="briefings-bench-")
    environment = server_environment(
        work,
        database_url=options.server.rsplit("/", 1)[0] + f"/{DATABASE}",
        redis_url=options.redis_url,
    )
    baseline_file = Path(environment["BENCH_BASELINE_FILE"])
    corpus_seconds = prepare_corpus(options, environment)
    manage(environment, "collectstatic", "--noinput", "-v", "0")
    options.objects = objects = sample(options)
    briefing_id, briefing_slug = objects["briefing"]
    paths = mix_paths(objects)
    options.mix_size = len(paths)
    script = mix_script(paths, work)
    targets = {
        "baseline": ("/bench/baseline/", ()),
        "home": ("/", ()),
        "briefing": (f"/briefings/{briefing_slug}/", ()),
        "actor": (f"/actors/{objects['actor']}/", ()),
        "quote list": ("/quotes/", ()),
        "search page": ("/search/?q=sanctions", ()),
        "API briefing list": ("/api/v1/briefings/", JSON),
        "API briefing detail": (f"/api/v1/briefings/{briefing_id}/", JSON),
        "API search": ("/api/v1/search/?q=sanctions", JSON),
    }
    results = {}
    try:
        modes = [] if options.skip_throughput else [("off", "0"), ("warm", "300")]
        if options.skip_throughput and not options.skip_load:
            modes = [("warm", "300")]
        for mode, seconds in modes:
            manage(environment, "shell", "-c", "from django.core.cache import cache; cache.clear()")
            server = Gunicorn(
                {**environment, "PAGE_CACHE_SECONDS": seconds},
                options.port,
                Path(work) / f"gunicorn-{mode}.log",
            )
            try:
                if mode == "off":
                    # The baseline serves exactly the bytes of the briefing page.
                    status, body = fetch(server.url(targets["briefing"][0]))
                    assert status == 200, status
                    baseline_file.write_bytes(body)
                    options.baseline_bytes = len(body)
                    server.stop()
                    server = Gunicorn(
                        {**environment, "PAGE_CACHE_SECONDS": seconds},
                        options.port,
                        Path(work) / f"gunicorn-{mode}.log",
                    )
                if not options.skip_throughput:
                    log(f"throughput, page cache {mode}")
                    results[mode] = throughput(server, targets, options)
                if mode == "warm" and not options.skip_load:
                    log(f"load: 64 connections for {options.load_seconds} s")
                    results["load"] = wrk(
                        server.url("/"),
                        connections=64,
                        seconds=options.load_seconds,
                        script=script,
                    )
            finally:
                server.stop()
        if not options.skip_faults:
            log("faults: PostgreSQL restarted under load, page cache off")
            server = Gunicorn(
                {**environment, "PAGE_CACHE_SECONDS": "0"},
                options.port,
                Path(work) / "gunicorn-faults.log",
            )
            try:
                results["faults"] = faults(server, script, options, environment)
            finally:
                server.stop()
    finally:
        print(f"logs and scripts in {work}")
    section = report(
        options,
        started,
        corpus_seconds,
        results.get("off"),
        results.get("warm"),
        results.get("load"),
        results.get("faults"),
    )
    print(section)
    if not options.no_report:
        write_report(section)
        print(f"\nwrote {REPORT.relative_to(REPOSITORY)}")


if __name__ == "__main__":
    main()
