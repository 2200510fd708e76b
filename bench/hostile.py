"""Hostile input through the real site under gunicorn: how long each pathological input holds a worker.

    uv run python -m bench.hostile [--sizes 4096,51200,limit] [--repeat 3] [--sections ...]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres uv run python -m bench.hostile
    bench/run --hostile [same options]

1. A fresh database: `briefings_hostile` on the PostgreSQL server of DATABASE_URL when it is
   set (made again on every run), otherwise SQLite in a temporary directory. Migrated, with the
   static files collected, as production serves them.
2. With the project's own services and commands: a contributor (staff, `Contributor` group)
   with an API token and one draft of their own, and an editor with a token for the importer,
   which is editors' work.
3. gunicorn as bench/run starts it (`bench.suite`: production settings, 2 sync workers, Redis,
   the API's throttling lifted), with the page cache off so every request does its work, and
   REQUIRE_STAFF_2FA=false so that the benchmark can sign in to the admin's live preview with a
   password alone.
4. Every construct of SECTIONS at every size, `--repeat` times, one request at a time: the
   status and wall time of the real HTTP request, with a 30 s client timeout (gunicorn's own
   worker timeout is 30 s too). A case that times out or loses its connection is not repeated,
   and its construct is not tried at larger sizes: the table says so.

Sizes are bytes of the constructed input, each repeated unit cut so that the input is at most
the size. `limit` is the field's own limit: `Briefing.body`'s max_length for bodies and
previews (100,000 while the model has none), IMPORT_MAX_BYTES for the importer.

The table replaces the part of docs/performance.md between the two `bench:hostile` markers
(`--no-report` prints it only). The target, from issue 16: every request under 1 s at the field
limit on this 2-core machine.
"""

import argparse
import datetime
import http.client
import io
import itertools
import json
import os
import re
import secrets
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

from bench import suite

DATABASE = "briefings_hostile"
START_MARKER = "<!-- bench:hostile:start -->"
END_MARKER = "<!-- bench:hostile:end -->"
DEMO_BRIEFINGS = suite.REPOSITORY / "briefings" / "data" / "demo" / "briefings"
CLIENT_TIMEOUT = 30
SLOW_MS = 1000
# The body's limit while Briefing.body has no max_length of its own.
DEFAULT_BODY_LIMIT = 100_000
DRAFT_BODY = "A short draft, put back before each section that does not measure the body."
FOOTNOTE = "\n\n[^a]: note"


# --- the inputs --------------------------------------------------------------------------------


def repeated(unit, size, *, prefix="", suffix=""):
    """`prefix + unit * k + suffix` with the largest k that keeps it within `size` bytes."""
    room = size - len((prefix + suffix).encode())
    return prefix + unit * max(room // len(unit.encode()), 0) + suffix


def demo_article(size):
    """The demo briefings' bodies one after another, whole paragraphs, within `size` bytes."""
    paragraphs = []
    for path in sorted(DEMO_BRIEFINGS.glob("*.md")):
        text = path.read_text()
        if text.startswith("---\n"):  # YAML front matter: not part of the body
            text = text.split("\n---\n", 1)[1]
        paragraphs += [p.strip() for p in text.split("\n\n") if p.strip()]
    article, used = [], 0
    for paragraph in itertools.cycle(paragraphs):
        cost = len(paragraph.encode()) + 2
        if used + cost > size:
            break
        article.append(paragraph)
        used += cost
    return "\n\n".join(article)


# (label, input of at most n bytes). Labels are the issue's own expressions.
MARKDOWN = [
    ('`"[" * n`', lambda n: "[" * n),
    ('`"[a](" * (n/4)`', lambda n: repeated("[a](", n)),
    ('`"*[" * (n/2)`', lambda n: repeated("*[", n)),
    ('setext headings `"a\\n=\\n" * (n/4)`', lambda n: repeated("a\n=\n", n)),
    ('`"1. " * (n/3)`', lambda n: repeated("1. ", n)),
    ('`"> " * (n/2)`', lambda n: repeated("> ", n)),
    ('`"# a\\n" * (n/4)`', lambda n: repeated("# a\n", n)),
    ('`"a\\n\\n" * (n/3)`', lambda n: repeated("a\n\n", n)),
    ('`"x[^a] " * (n/6)` + the note', lambda n: repeated("x[^a] ", n, suffix=FOOTNOTE)),
    ('`"*a* " * (n/4)`', lambda n: repeated("*a* ", n)),
    ("the demo briefings' bodies, repeated", demo_article),
]
IMPORTS = [
    ('`"# a" + " " * n + "b"`', lambda n: repeated(" ", n, prefix="# a", suffix="b")),
    # After a title, as in any briefing: as the first line it would be the title, never read
    # as a quote and its attribution (which is where the backtracking was).
    (
        '`"A title\\n\\n" + \'"a" - x\' + " " * n + "."`',
        lambda n: repeated(" ", n, prefix='A title\n\n"a" - x', suffix="."),
    ),
    ("the demo briefings' bodies, repeated", demo_article),
]
ID_COUNTS = [15_000, 100_000]
QUERY_STRINGS = [
    "/search/?q=-russia",
    "/search/?q=or",
    '/search/?q="',
    "/briefings/?year=0",
    "/briefings/?year=99999999999999999999",
    "/api/v1/corrections/?briefing=²",
    '/api/v1/search/?q=""',
]
DEEP_JSON = [
    ("an object nested 5,000 deep", '{"a":' * 5000 + "0" + "}" * 5000),
    ('`"[" * 100000`', "[" * 100_000),
]
SECTIONS = ["markdown", "preview", "ids", "json", "import", "query"]


# --- the client --------------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a sign-in's redirect carries its cookies: the caller reads them


@dataclass
class Answer:
    status: object  # the HTTP status, or what went wrong instead: "timeout", "RemoteDisconnected"…
    ms: float
    headers: object = None
    body: bytes = b""

    @property
    def answered(self):
        return isinstance(self.status, int)


class Client:
    """One client, one request at a time, over plain HTTP as if behind the TLS proxy."""

    def __init__(self, server):
        self.server = server
        self.origin = "https://" + server.url("").split("://", 1)[1]
        self.opener = urllib.request.build_opener(_NoRedirect)

    def send(self, method, path, *, body=None, headers=()):
        request = urllib.request.Request(self.server.url(path), data=body, method=method)
        request.add_header("X-Forwarded-Proto", "https")
        for name, value in headers:
            request.add_header(name, value)
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=CLIENT_TIMEOUT) as response:
                status, answer_headers, content = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, answer_headers, content = error.code, error.headers, error.read()
        except urllib.error.URLError as error:
            reason = error.reason
            status = "timeout" if isinstance(reason, TimeoutError) else type(reason).__name__
            answer_headers, content = None, b""
        except TimeoutError:
            status, answer_headers, content = "timeout", None, b""
        except (OSError, http.client.HTTPException) as error:
            status, answer_headers, content = type(error).__name__, None, b""
        return Answer(status, (time.perf_counter() - started) * 1000, answer_headers, content)

    def json(self, method, path, data, *, token):
        return self.send(
            method,
            path,
            body=data.encode() if isinstance(data, str) else data,
            headers=[
                *suite.JSON,
                ("Content-Type", "application/json"),
                ("Authorization", f"Token {token}"),
            ],
        )

    def form(self, path, fields, *, cookies):
        """A form POST with the session's cookies and its CSRF token, as the admin's page sends."""
        return self.send(
            "POST",
            path,
            body=urllib.parse.urlencode(fields).encode(),
            headers=[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Cookie", "; ".join(f"{name}={value}" for name, value in cookies.items())),
                ("X-CSRFToken", cookies.get("csrftoken", "")),
                ("Origin", self.origin),
                ("Referer", self.origin + "/admin/"),
            ],
        )

    def sign_in(self, login_path, username, password):
        """The admin's sign-in form, posted as a browser would: the session's cookies."""
        page = self.send("GET", login_path)
        cookies = _cookies(page)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        if page.status != 200 or not token:
            raise SystemExit(f"the admin's sign-in page answered {page.status}")
        answer = self.form(
            login_path,
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": token.group(1).decode(),
                "next": "/admin/",
            },
            cookies=cookies,
        )
        cookies.update(_cookies(answer))
        if answer.status != 302 or "sessionid" not in cookies:
            raise SystemExit(f"signing in to the admin answered {answer.status}, not a redirect")
        return cookies


def _cookies(answer):
    jar = SimpleCookie()
    for header in (answer.headers and answer.headers.get_all("Set-Cookie")) or []:
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


# --- the cases ---------------------------------------------------------------------------------


@dataclass
class Case:
    section: str
    construct: str
    size: str  # bytes of the input, "(limit)" where it is the field's limit; "—" for a URL
    request: object  # () -> Answer
    # Held to the target (under 1 s): inputs at the field's limit, and those of a fixed size.
    target: bool = True


@dataclass
class Row:
    case: Case
    answers: list
    skipped: bool = False

    @property
    def failed(self):
        return any(not answer.answered for answer in self.answers)


def size_label(data, *, at_limit=False):
    size = len(data.encode()) if isinstance(data, str) else len(data)
    return f"{size:,}" + (" (limit)" if at_limit else "")


def resolve_sizes(tokens, limit):
    """The `--sizes` tokens as numbers of bytes, smallest first; `limit` is the field's own."""
    return sorted({limit if token == "limit" else int(token) for token in tokens})


def sized(section, constructs, sizes, limit, request):
    """A case for every construct at every size, each construct's sizes together, smallest first."""
    for label, build in constructs:
        for size in resolve_sizes(sizes, limit):
            data = build(size)
            at_limit = size == limit
            label_size = size_label(data, at_limit=at_limit)
            yield Case(section, label, label_size, lambda data=data: request(data), at_limit)


def cases(client, setup, options):
    """What to send, section by section, in SECTION_TITLES' order, once both workers are warm."""
    detail = setup["briefing_path"]
    cookies = client.sign_in(setup["login_path"], setup["contributor"], setup["password"])

    sent = itertools.count()

    def unique(text):
        # Each process keeps its last few renders (briefings.markdown.rendered): a text sent
        # again would be measured from that cache, so each request's first line is its own.
        return f"{next(sent):07d}\n\n{text[9:]}" if len(text) > 9 else text

    def body(text):
        return patch(json.dumps({"body": unique(text)}))

    def patch(payload):
        return client.json("PATCH", detail, payload, token=setup["contributor_token"])

    def preview(text):
        return client.form(setup["preview_path"], {"text": unique(text)}, cookies=cookies)

    def dry_run(text):
        payload = json.dumps({"text": text, "dry_run": True})
        return client.json("POST", setup["import_path"], payload, token=setup["editor_token"])

    def get(path):
        quoted = urllib.parse.quote(path, safe="/?=&")
        return client.send("GET", quoted, headers=suite.JSON if path.startswith("/api/") else ())

    # A worker's first request of a kind loads what later ones find ready: not what is measured.
    for _ in range(4):
        body(DRAFT_BODY)
        preview(DRAFT_BODY)
        dry_run(demo_article(4096))
        get("/search/?q=sanctions")
        get("/api/v1/search/?q=sanctions")

    chosen = set(options.sections)
    if "markdown" in chosen:
        yield from sized("markdown", MARKDOWN, options.sizes, setup["body_limit"], body)
        # Put back a short body: the sections after this one must not render the last input.
        body(DRAFT_BODY)
    if "preview" in chosen:
        yield from sized("preview", MARKDOWN, options.sizes, setup["body_limit"], preview)
    if "ids" in chosen:
        for count in ID_COUNTS:
            # One real topic's id again and again: every entry is valid, so none stops the check.
            ids = [setup["topic_id"]] * count
            payload = json.dumps({"topic_ids": ids}, separators=(",", ":"))
            yield Case(
                "ids",
                f"`topic_ids`: one topic's id × {count:,}",
                size_label(payload),
                lambda payload=payload: patch(payload),
            )
    if "json" in chosen:
        for label, payload in DEEP_JSON:
            yield Case("json", label, size_label(payload), lambda payload=payload: patch(payload))
    if "import" in chosen:
        yield from sized("import", IMPORTS, options.sizes, setup["import_limit"], dry_run)
    if "query" in chosen:
        for path in QUERY_STRINGS:
            yield Case("query", f"`{path}`", "—", lambda path=path: get(path))


def run(all_cases, repeat):
    """Rows in order. A construct that failed (no HTTP answer) is not tried again at larger sizes."""
    rows, failed = [], set()
    for case in all_cases:
        key = (case.section, case.construct)
        if key in failed:
            rows.append(Row(case, [], skipped=True))
            continue
        answers = []
        for _ in range(repeat):
            answers.append(case.request())
            if not answers[-1].answered:
                break  # a timeout or a lost connection: once is enough
        row = Row(case, answers)
        if row.failed:
            failed.add(key)
        rows.append(row)
        worst = max(answers, key=lambda answer: answer.ms)
        # What a refusal said, so that a 400 can be told from the wrong 400.
        said = worst.body[:200].decode(errors="replace") if worst.status != 200 else ""
        suite.log(
            f"{case.section}: {case.construct} {case.size} -> "
            f"{', '.join(sorted({str(a.status) for a in answers}))} in {worst.ms:,.0f} ms {said}"
        )
    return rows


# --- the report --------------------------------------------------------------------------------

SECTION_TITLES = {
    "markdown": 'Markdown body: `PATCH /api/v1/briefings/<id>/` with `{"body": …}`, the '
    "contributor's own draft",
    "preview": "The admin's live preview: `POST /admin/briefings/briefing/markdown-preview/`, "
    "the same texts, the same contributor signed in",
    "ids": 'Relation id lists: `PATCH /api/v1/briefings/<id>/` with `{"topic_ids": [1,1,…]}`',
    "json": "Deep JSON: `PATCH /api/v1/briefings/<id>/`",
    "import": 'The importer: `POST /api/v1/import/` with `{"text": …, "dry_run": true}`, an '
    "editor's token",
    "query": "Query strings: reader pages and API reads, anonymous",
}


def bad_status(status):
    """Neither a success nor a refusal: a 5xx, or no answer at all."""
    return not isinstance(status, int) or status >= 500


def milliseconds(value):
    text = f"{value:,.0f}"
    return f"**{text}**" if value >= SLOW_MS else text


def table(rows):
    lines = ["| construct | size | status | median ms | max ms |", "|---|---:|---|---:|---:|"]
    for row in rows:
        case = row.case
        if row.skipped:
            lines.append(
                f"| {case.construct} | {case.size} | not run: no answer at a smaller size | — | — |"
            )
            continue
        statuses = sorted({answer.status for answer in row.answers}, key=str)
        status = ", ".join(f"**{s}**" if bad_status(s) else str(s) for s in statuses)
        times = [answer.ms for answer in row.answers]
        lines.append(
            f"| {case.construct} | {case.size} | {status} | "
            f"{milliseconds(statistics.median(times))} | {milliseconds(max(times))} |"
        )
    return lines


def report(rows, *, started, command, setup, repeat):
    answered = [row for row in rows if not row.skipped]
    slow = [row for row in answered if max(a.ms for a in row.answers) >= SLOW_MS]
    broken = [row for row in answered if any(bad_status(a.status) for a in row.answers)]
    held = [row for row in rows if row.case.target]
    missed = [
        row
        for row in held
        if row.skipped or any(bad_status(a.status) or a.ms >= SLOW_MS for a in row.answers)
    ]
    body_limit = f"{setup['body_limit']:,} bytes" + (
        ""
        if setup["body_limit_from_model"]
        else f" (`Briefing.body` has no max_length yet: {DEFAULT_BODY_LIMIT:,} is used)"
    )
    lines = [
        START_MARKER,
        "",
        f"Measured on {started:%Y-%m-%d %H:%M} UTC with `{command}`.",
        "",
        f"- Machine: {suite.machine()}.",
        f"- Database: {setup['database']}. gunicorn: production settings, 2 sync workers, page "
        "cache off, `REQUIRE_STAFF_2FA=false`.",
        f"- Field limits: body and preview {body_limit}; importer {setup['import_limit']:,} "
        "bytes (`IMPORT_MAX_BYTES`).",
        f"- Each case sent {repeat} time{'s' * (repeat != 1)}, one request at a time, "
        f"{CLIENT_TIMEOUT} s client timeout; times are "
        "wall time at the client. **Bold**: 1 s or more, or no answer / a 5xx.",
        f"- Requests of 1 s or more: {len(slow)} case(s); 5xx or no answer: {len(broken)} "
        "case(s). Target, every request at the field limit (or of a fixed size) answered "
        f"under 1 s without a 5xx: {suite.verdict(not missed)}"
        + (f", {len(missed)} case(s) missed it" if missed else "")
        + (
            ""
            if any(row.case.size.endswith("(limit)") for row in rows)
            else " (no `limit` in `--sizes`)"
        )
        + ".",
    ]
    for section in SECTIONS:
        section_rows = [row for row in rows if row.case.section == section]
        if section_rows:
            lines += ["", f"#### {SECTION_TITLES[section]}", "", *table(section_rows)]
    lines += ["", END_MARKER]
    return "\n".join(lines)


# --- the set-up --------------------------------------------------------------------------------


def database_url(work):
    """A fresh database: on DATABASE_URL's PostgreSQL server if set, else SQLite in `work`."""
    server = os.environ.get("DATABASE_URL", "").strip()
    if not server:
        return f"sqlite:///{Path(work) / 'hostile.sqlite3'}", "SQLite"
    suite.psql(server, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    suite.psql(server, f"CREATE DATABASE {DATABASE}")
    version = suite.psql(server, "SHOW server_version")[0][0].split()[0]
    return server.rsplit("/", 1)[0] + f"/{DATABASE}", f"PostgreSQL {version} (`{DATABASE}`)"


def prepare(environment):
    """Migrate, collect static files, and make the accounts, tokens and draft the cases use.

    Runs in this process, with the server's own environment, through the project's services and
    commands; the server starts afterwards.
    """
    os.environ.update(environment)
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connections
    from django.urls import reverse

    from briefings.models import Briefing, Topic
    from briefings.policies import CONTRIBUTOR, EDITOR
    from briefings.services.briefings import briefing_save
    from briefings.services.content import content_save

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    password = secrets.token_urlsafe(16)
    users, tokens = {}, {}
    for username, role in (("hostile-contributor", CONTRIBUTOR), ("hostile-editor", EDITOR)):
        user = get_user_model().objects.create_user(
            username=username, password=password, is_staff=True
        )
        user.groups.set([Group.objects.get(name=role)])
        output = io.StringIO()
        call_command("create_api_token", username, stdout=output)
        users[role], tokens[role] = user, output.getvalue().split()[-1]
    draft = briefing_save(
        briefing=Briefing(
            title="Hostile input",
            slug="hostile-input",
            standfirst="The draft the hostile-input benchmark writes into.",
            body=DRAFT_BODY,
        ),
        by=users[CONTRIBUTOR],
    )
    topic = content_save(obj=Topic(name="Sanctions", slug="sanctions"), by=users[EDITOR])
    body_limit = Briefing._meta.get_field("body").max_length
    setup = {
        "contributor": users[CONTRIBUTOR].username,
        "password": password,
        "contributor_token": tokens[CONTRIBUTOR],
        "editor_token": tokens[EDITOR],
        "briefing_path": reverse("api:briefing-detail", args=[draft.pk]),
        "topic_id": topic.pk,
        "login_path": reverse("admin:login"),
        "preview_path": reverse("admin:briefings_markdown_preview"),
        "import_path": reverse("api:import"),
        "body_limit": body_limit or DEFAULT_BODY_LIMIT,
        "body_limit_from_model": body_limit is not None,
        "import_limit": settings.IMPORT_MAX_BYTES,
    }
    connections.close_all()
    return setup


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="4096,51200,limit",
        type=lambda value: [t if t == "limit" else str(int(t)) for t in value.split(",")],
        help="Bytes of input, comma-separated; `limit` is the field's own (default: %(default)s).",
    )
    parser.add_argument("--repeat", type=int, default=3, help="Requests per case (default 3).")
    parser.add_argument(
        "--sections",
        default=",".join(SECTIONS),
        type=lambda value: value.split(","),
        help=f"Which, comma-separated, of: {', '.join(SECTIONS)} (default: all).",
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--port", type=int, default=8126)
    parser.add_argument("--no-report", action="store_true", help="Print, don't write the doc.")
    options = parser.parse_args(argv)
    unknown = set(options.sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")

    started = datetime.datetime.now(datetime.UTC)
    work = tempfile.mkdtemp(prefix="briefings-hostile-")
    url, database = database_url(work)
    environment = {
        **suite.server_environment(work, database_url=url, redis_url=options.redis_url),
        "PAGE_CACHE_SECONDS": "0",  # every request does its own work
        "REQUIRE_STAFF_2FA": "false",  # the benchmark signs in to the preview with a password
    }
    suite.log(f"preparing {database}")
    setup = {**prepare(environment), "database": database}
    server = suite.Gunicorn(environment, options.port, Path(work) / "gunicorn.log")
    try:
        rows = run(cases(Client(server), setup, options), options.repeat)
    finally:
        server.stop()
        print(f"gunicorn's log in {work}")
    command = " ".join(["uv run python -m bench.hostile", *(argv or sys.argv[1:])])
    section = report(rows, started=started, command=command, setup=setup, repeat=options.repeat)
    print(section)
    if not options.no_report:
        suite.write_report(section, start=START_MARKER, end=END_MARKER)
        print(f"\nwrote {suite.REPORT.relative_to(suite.REPOSITORY)}")


if __name__ == "__main__":
    main()
