"""One JSON shape for every API error: {"status", "code", "detail", "errors"}."""

from itertools import groupby

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import (
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError
from django.http import Http404, JsonResponse
from django.views.defaults import page_not_found
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The object changed since the ETag you sent in If-Match; fetch it again."
    default_code = "precondition_failed"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the object."
    default_code = "conflict"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"

    def __init__(self):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        super().__init__(f"The request body is larger than the limit of {limit:,} bytes.")


# How many of the objects that block a delete its 409 names, per kind.
BLOCKERS_NAMED = 3


def delete_blocked(obj, error):
    """A 409 for a delete refused by a protected or restricted foreign key (Django's
    ProtectedError or RestrictedError), naming how many objects of each kind block it and the
    first few of them."""
    blockers = (
        error.protected_objects if isinstance(error, ProtectedError) else error.restricted_objects
    )
    by_kind = groupby(
        sorted(blockers, key=lambda row: (row._meta.label, row.pk)),
        key=lambda row: row._meta,
    )
    total, kinds = 0, []
    for meta, group in by_kind:
        rows = list(group)
        total += len(rows)
        named = "; ".join(f"#{row.pk} {_shortened(str(row))}" for row in rows[:BLOCKERS_NAMED])
        more = "; …" if len(rows) > BLOCKERS_NAMED else ""
        kind = meta.verbose_name if len(rows) == 1 else meta.verbose_name_plural
        kinds.append(f"{len(rows)} {kind} ({named}{more})")
    return Conflict(
        f"This {obj._meta.verbose_name} cannot be deleted: {' and '.join(kinds)} "
        f"{'refers' if total == 1 else 'refer'} to it. "
        f"Change or delete {'it' if total == 1 else 'them'} first."
    )


def _shortened(text, limit=60):
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def _as_drf(exc):
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge()
    if isinstance(exc, TooManyFieldsSent):
        return exceptions.ParseError(
            f"The request sends more than {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS} fields."
        )
    if isinstance(exc, TooManyFilesSent):
        return exceptions.ParseError(
            f"The request sends more than {settings.DATA_UPLOAD_MAX_NUMBER_FILES} files."
        )
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, DjangoValidationError):
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        return exceptions.ValidationError(detail)
    if isinstance(exc, IntegrityError):
        return Conflict()
    return exc


def exception_handler(exc, context):
    exc = _as_drf(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        errors = data if isinstance(data, dict) else {"non_field_errors": data}
        body = {"detail": "Some fields are not valid; see errors.", "errors": errors}
        code = "invalid"
    else:
        detail = data.get("detail", data) if isinstance(data, dict) else data
        body = {"detail": str(detail), "errors": {}}
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
    response.data = {"status": response.status_code, "code": code, **body}
    return response


def error_response(status_code, code, detail):
    return Response(
        {"status": status_code, "code": code, "detail": detail, "errors": {}}, status=status_code
    )


def not_found(request, exception):
    """The site's 404 page, or for an address under /api/ the API's JSON error body."""
    if request.path.startswith("/api/"):
        body = {
            "status": 404,
            "code": "not_found",
            "detail": "No such address in the API.",
            "errors": {},
        }
        return JsonResponse(body, status=404)
    return page_not_found(request, exception)
