"""A schema-driven fuzz run: every operation, a few generated requests each, anonymous and as an
editor, against the application in process with the demo content loaded.

No request may cause a server error, and every response must match the schema: its status code,
its content type and its body. Every failure is collected and reported at the end, each with its
operation, request and response, rather than stopping at the first.
"""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from briefings.demo import load_demo_content

from .conftest import _user_in, token_for

EXAMPLES_PER_OPERATION = 5
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def describe(case, response, error):
    request = response.request
    body = request.body if isinstance(request.body, (str, type(None))) else request.body.decode()
    return (
        f"{case.operation.label}\n"
        f"  request:  {request.method} {request.url}\n"
        f"            body={(body or '')[:400]!r}\n"
        f"  response: {response.status_code} {response.headers.get('Content-Type', '')}\n"
        f"            {response.text[:400]!r}\n"
        f"  failure:  {str(error).strip()[:600]}"
    )


def fuzz(schema, headers, label):
    """Runs every operation; returns the failures and the status codes seen per method."""
    failures, seen = [], set()
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.explicit, Phase.generate],
            database=None,
            # The same requests on every run: a failure here is reproducible, not a fluke.
            derandomize=True,
        )
        def run(case):
            response = case.call(headers=headers)
            seen.add((case.method.upper(), response.status_code))
            try:
                case.validate_response(response, checks=CHECKS, headers=headers)
            except (AssertionError, BaseExceptionGroup) as error:
                failures.append(f"[{label}] " + describe(case, response, error))

        run()
    return failures, seen


@pytest.mark.django_db(transaction=True)
def test_no_generated_request_causes_a_server_error_or_a_response_outside_the_schema(roles):
    load_demo_content()
    editor = _user_in("Editor", username="fuzz-editor")
    application = WSGIHandler()
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    failures, anonymous = fuzz(schema, {}, "anonymous")
    editor_failures, as_editor = fuzz(
        schema, {"Authorization": f"Token {token_for(editor)}"}, "editor"
    )
    failures += editor_failures
    # The run reached the application as intended: anonymous writes refused, the editor's not.
    assert ("POST", 401) in anonymous
    assert ("GET", 200) in anonymous
    assert {("POST", 201), ("PATCH", 200), ("DELETE", 204)} & as_editor
    assert not failures, f"{len(failures)} failing requests:\n\n" + "\n\n".join(failures)
