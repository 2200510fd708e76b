"""Time a whole-knowledge-base backup and restore (`export_kb`, `import_kb`) of a generated corpus.

    uv run python bench/backup.py [--briefings 1000] [--seed 1]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/briefings_1k uv run python bench/backup.py

Fills the source database (`DATABASE_URL`, else a temporary SQLite file) with
`generate_corpus --briefings N` unless it holds that corpus already, exports it, restores the file
into a new, empty database (a temporary SQLite file, or `<name>_restore` on the same PostgreSQL
server, dropped and created again), exports that one too and compares the two files byte for byte.
Each step runs as the command an operator would type, so the times include Django's start-up;
the commands' own summaries (rows per model, their time) are printed as they come.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, url):
    """Run a manage.py command against the database at `url`; returns the seconds it took."""
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


def fresh_database(source, workdir):
    """An empty database next to `source`: a new SQLite file, or `<name>_restore` on the server."""
    if source.startswith("sqlite"):
        return f"sqlite:///{workdir}/restore.sqlite3"
    parts = urlsplit(source)
    name = f"{parts.path.lstrip('/')}_restore"
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--briefings", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="briefings-backup-"))
    source = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir}/source.sqlite3"

    manage("migrate", "--verbosity", "0", url=source)
    manage(
        "generate_corpus",
        "--briefings",
        str(options.briefings),
        "--seed",
        str(options.seed),
        "--verbosity",
        "0",
        url=source,
    )
    first, second = workdir / "first.jsonl", workdir / "second.jsonl"
    exported = manage("export_kb", str(first), url=source)
    target = fresh_database(source, workdir)
    manage("migrate", "--verbosity", "0", url=target)
    imported = manage("import_kb", str(first), url=target)
    manage("export_kb", str(second), url=target)

    identical = first.read_bytes() == second.read_bytes()
    print(
        f"\n{options.briefings} briefings (seed {options.seed}) on {source.split(':')[0]}: "
        f"{first.stat().st_size / 1e6:.1f} MB, {sum(1 for _ in first.open('rb'))} lines\n"
        f"export_kb {exported:.1f}s, import_kb {imported:.1f}s (wall clock, with start-up)\n"
        f"export → import → export: {'identical bytes' if identical else 'FILES DIFFER'}\n"
        f"files in {workdir}"
    )
    sys.exit(0 if identical else 1)


if __name__ == "__main__":
    main()
