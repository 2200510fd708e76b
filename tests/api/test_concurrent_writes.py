"""Fifty API clients save the same briefing at once with If-Match: one wins each version.

Real concurrency: a threaded server with a thread per request, each with its own PostgreSQL
connection and transaction, and fifty client threads released together by a barrier. (SQLite's
in-memory test database is one connection shared by every thread, so it cannot run writers in
parallel at all; the test needs PostgreSQL.)
"""

import json
import threading
import urllib.error
import urllib.request
from collections import Counter

import pytest
from django.contrib.auth.models import Group
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from knox.models import AuthToken

from briefings.models import Briefing
from tests import factories

CLIENTS = 50
ROUNDS = 3


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class Server(ThreadedWSGIServer):
    # The live_server fixture's backlog of 10 resets some of fifty simultaneous connections;
    # gunicorn's default backlog is 2048.
    request_queue_size = 128


@pytest.fixture
def server(transactional_db):
    """A thread per request, each with its own database connection, closed when it ends."""
    httpd = Server(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    httpd.set_app(WSGIHandler())
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=10)


def call(method, url, *, token=None, body=None, headers=()):
    request = urllib.request.Request(url, method=method, data=body and json.dumps(body).encode())
    request.add_header("Accept", "application/json")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Token {token}")
    for name, value in headers:
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, json.loads(error.read() or b"null")


@pytest.mark.postgres
def test_fifty_writers_with_the_same_etag_exactly_one_succeeds_per_version(
    postgres_only, roles, server
):
    editor = factories.UserFactory(is_staff=True, username="racing-editor")
    editor.groups.add(Group.objects.get(name="Editor"))
    tokens = [AuthToken.objects.create(editor)[1] for _ in range(CLIENTS)]
    briefing = factories.BriefingFactory(title="Before the race")
    url = f"{server}/api/v1/briefings/{briefing.pk}/"
    start_version = Briefing.objects.get(pk=briefing.pk).version

    for round_number in range(ROUNDS):
        status, headers, _ = call("GET", url)
        assert status == 200
        etag = headers["ETag"]
        barrier = threading.Barrier(CLIENTS)
        results = [None] * CLIENTS

        def write(index, etag=etag, barrier=barrier, results=results, n=round_number):
            title = f"Round {n}, writer {index}"
            barrier.wait()
            status, headers, body = call(
                "PATCH",
                url,
                token=tokens[index],
                body={"title": title},
                headers=[("If-Match", etag)],
            )
            results[index] = (status, title, headers.get("ETag"), body)

        writers = [threading.Thread(target=write, args=(i,)) for i in range(CLIENTS)]
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join(timeout=120)

        statuses = Counter(status for status, *_ in results)
        assert statuses == {200: 1, 412: CLIENTS - 1}, statuses
        (winner,) = [r for r in results if r[0] == 200]
        losers = [r for r in results if r[0] == 412]
        assert all(body["code"] == "precondition_failed" for *_, body in losers)

        # The stored briefing is the winner's, at exactly one version more.
        status, headers, body = call("GET", url)
        assert body["title"] == winner[1]
        assert headers["ETag"] == winner[2] != etag
        stored = Briefing.objects.get(pk=briefing.pk)
        assert stored.title == winner[1]
        assert stored.version == start_version + round_number + 1
        # One history row per accepted save: the 49 refused writes left no trace.
        assert stored.history.filter(title__startswith=f"Round {round_number},").count() == 1
