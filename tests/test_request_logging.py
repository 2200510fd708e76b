"""Every request is logged on one line, with an id that ties it to its errors, and no secrets."""

import logging
import re

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import include, path

from infra.request_log import RequestLoggingMiddleware
from tests import factories


def ok(request):
    return HttpResponse("ok")


def whoami(request):
    return HttpResponse(str(request.user.pk))


def boom(request):
    raise RuntimeError("the view broke")


# Routes only these tests need, then the whole site.
urlpatterns = [
    path("ok/", ok),
    path("whoami/", whoami),
    path("boom/", boom),
    path("", include("config.urls")),
]

pytestmark = pytest.mark.urls("tests.test_request_logging")

REQUEST_LINE = re.compile(
    r"method=(?P<method>\S+) path=(?P<path>\S+)(?: query=\"(?P<query>[^\"]*)\")? "
    r"status=(?P<status>\d{3}) duration_ms=(?P<duration>\d+\.\d) "
    r"request_id=(?P<request_id>[A-Za-z0-9._-]+) user=(?P<user>\S+)"
)


@pytest.fixture
def logs(caplog):
    caplog.set_level(logging.DEBUG)
    # Everything django.request says, not only the errors the settings keep.
    caplog.set_level(logging.DEBUG, logger="django.request")
    return caplog


def request_lines(caplog):
    return [r for r in caplog.records if r.name == "briefings.requests"]


def only_request_line(caplog):
    (record,) = request_lines(caplog)
    assert record.levelno == logging.INFO
    match = REQUEST_LINE.fullmatch(record.getMessage())
    assert match, record.getMessage()
    return match


def everything_logged(caplog):
    """Every record as a formatter prints it: message, then traceback."""
    formatter = logging.Formatter("%(levelname)s %(name)s %(message)s")
    return "\n".join(formatter.format(record) for record in caplog.records)


def test_a_request_is_logged_on_one_line_with_method_path_status_duration_and_id(client, logs):
    response = client.get("/ok/")

    line = only_request_line(logs)
    assert line["method"] == "GET"
    assert line["path"] == "/ok/"
    assert line["query"] is None
    assert line["status"] == "200"
    assert float(line["duration"]) >= 0
    assert re.fullmatch(r"[0-9a-f]{32}", line["request_id"])
    assert response["X-Request-ID"] == line["request_id"]
    assert line["user"] == "-"


def test_each_request_gets_its_own_id(client, logs):
    first = client.get("/ok/")
    second = client.get("/ok/")

    assert first["X-Request-ID"] != second["X-Request-ID"]
    assert len(request_lines(logs)) == 2


def test_a_not_found_page_is_logged_with_its_status(client, db, logs):
    client.post("/nowhere/")

    line = only_request_line(logs)
    assert (line["method"], line["path"], line["status"]) == ("POST", "/nowhere/", "404")


def test_an_incoming_request_id_is_reused_and_echoed(client, logs):
    response = client.get("/ok/", headers={"x-request-id": "lb-3f2a.9c_01"})

    assert response["X-Request-ID"] == "lb-3f2a.9c_01"
    assert only_request_line(logs)["request_id"] == "lb-3f2a.9c_01"


@pytest.mark.parametrize(
    "incoming",
    ["abc\nmethod=GET path=/forged/", "a" * 1024, "a" * 65, "id with spaces", "id=1", ""],
)
def test_a_malformed_incoming_request_id_is_replaced(client, logs, incoming):
    response = client.get("/ok/", headers={"x-request-id": incoming})

    request_id = only_request_line(logs)["request_id"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    assert response["X-Request-ID"] == request_id
    assert "forged" not in logs.text


def test_other_code_reads_the_request_id_from_the_request(rf):
    seen = {}

    def view(request):
        seen["id"] = request.id
        return HttpResponse()

    response = RequestLoggingMiddleware(view)(rf.get("/", headers={"x-request-id": "abc-1"}))

    assert seen["id"] == "abc-1" == response["X-Request-ID"]


def test_secret_query_parameters_are_masked_and_the_rest_kept(client, logs):
    client.get("/ok/?token=abc-tok&q=x")

    line = only_request_line(logs)
    assert line["path"] == "/ok/"
    assert line["query"] == "token=***&q=x"
    assert "abc-tok" not in everything_logged(logs)


@pytest.mark.parametrize(
    "name",
    ["TOKEN", "key", "Password", "secret", "api_key", "apiKey", "auth", "Signature",
     "access_token", "X-Amz-Signature", "client_secret", "csrfmiddlewaretoken"],
)  # fmt: skip
def test_every_kind_of_secret_parameter_is_masked(client, logs, name):
    client.get("/ok/", {name: "s3cr3t-value", "page": "2"})

    assert only_request_line(logs)["query"] == f"{name}=***&page=2"
    assert "s3cr3t-value" not in everything_logged(logs)


@pytest.mark.parametrize("name", ["q", "author", "keyword", "page", "type"])
def test_ordinary_parameters_are_kept(client, logs, name):
    client.get("/ok/", {name: "ukraine"})

    assert only_request_line(logs)["query"] == f"{name}=ukraine"


def test_a_path_cannot_break_the_line(client, logs):
    client.get("/ok%0Astatus=200%20forged/")

    (record,) = request_lines(logs)
    assert "\n" not in record.getMessage()
    assert only_request_line(logs)["path"] == "/ok%0Astatus%3D200%20forged/"


@pytest.mark.django_db
def test_the_authorization_header_is_never_logged(logs):
    client = Client(raise_request_exception=False)
    client.get("/api/briefings/", headers={"authorization": "Token secret123"})
    client.get("/boom/", headers={"authorization": "Token secret123"})
    client.get("/", headers={"authorization": "Token secret123"}, HTTP_COOKIE="k=secret123")

    assert len(request_lines(logs)) == 3
    assert "secret123" not in everything_logged(logs)


def test_the_user_is_logged_when_the_view_looked_them_up(client, db, logs):
    user = factories.UserFactory()
    client.force_login(user)

    client.get("/whoami/")

    assert only_request_line(logs)["user"] == str(user.pk)


def test_logging_never_looks_up_the_user_itself(client, db, logs, django_assert_num_queries):
    client.force_login(factories.UserFactory())

    with django_assert_num_queries(0):
        client.get("/ok/")

    assert only_request_line(logs)["user"] == "-"


def test_an_unhandled_exception_logs_its_traceback_with_the_request_id(logs):
    client = Client(raise_request_exception=False)

    response = client.get("/boom/?key=hunter2", headers={"x-request-id": "req-500"})

    assert response.status_code == 500
    assert response["X-Request-ID"] == "req-500"
    (error,) = [r for r in logs.records if r.levelno == logging.ERROR]
    assert error.name == "django.request"
    assert error.getMessage() == "Internal Server Error: /boom/ request_id=req-500"
    assert error.exc_info[0] is RuntimeError
    assert "the view broke" in logs.text
    line = only_request_line(logs)
    assert (line["status"], line["request_id"], line["query"]) == ("500", "req-500", "key=***")
    assert "hunter2" not in everything_logged(logs)


@pytest.mark.django_db(databases="__all__")
@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_checks_are_not_logged(client, logs, path):
    client.get(path)

    assert request_lines(logs) == []


def test_the_settings_send_one_plain_line_a_record_to_stdout(capsys):
    from django.conf import settings

    logging.getLogger("briefings.requests").info("method=GET path=/ status=200")

    out = capsys.readouterr().out
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO briefings.requests method=GET path=/ status=200\n",
        out,
    )
    assert settings.LOGGING["loggers"]["django.request"]["level"] == "ERROR"
