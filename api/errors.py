"""One JSON shape for every API error: {"status", "code", "detail", "errors"}."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
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


def _as_drf(exc):
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
