"""The OpenAPI description of what every operation can answer, errors and 304 included."""

from django.conf import settings
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse

from .parsers import MAX_DEPTH
from .serializers import ErrorSerializer

ERRORS = {
    400: "The request is not valid: see `errors` for the message of each field or filter. "
    f"A JSON body nested more than {MAX_DEPTH} levels deep, or with a number that is not "
    "finite (`1e999`, `NaN`), is refused as a whole (`parse_error`).",
    401: "The token is missing, unknown or expired.",
    403: "Your role does not allow this.",
    404: "No such object, or not public: drafts are a 404, never a 403.",
    409: "The change conflicts with stored data, e.g. other objects still refer to the one to "
    "delete: `detail` says how many of each kind, and names the first few.",
    412: "The object changed since the ETag sent in `If-Match`; nothing was changed.",
    413: "The request body is larger than the limit of "
    f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes.",
    415: "Send JSON (`Content-Type: application/json`).",
    429: "Too many requests; `Retry-After` says how many seconds to wait.",
}


def error_responses(statuses):
    """The shared `Error` body for each status, for operations that state their responses."""
    return {
        status: OpenApiResponse(ErrorSerializer, description=ERRORS[status]) for status in statuses
    }


class ApiAutoSchema(AutoSchema):
    """Adds the shared `Error` body for each status an operation can answer with."""

    def error_statuses(self):
        if self.method == "GET":
            # Filters apply to details too (DRF's get_object), so a bad one is a 400 there as well.
            return [400, 401, 404, 429]
        if self.method == "POST":
            return [400, 401, 403, 409, 413, 415, 429]
        if self.method in ("PUT", "PATCH"):
            return [400, 401, 403, 404, 409, 412, 413, 415, 429]
        if self.method == "DELETE":
            return [401, 403, 404, 409, 412, 429]
        return [401, 429]

    def get_response_serializers(self):
        success = super().get_response_serializers()
        if isinstance(success, dict):
            responses = dict(success)
        elif self.method == "DELETE":
            responses = {204: None}
        else:
            responses = {201 if self.method == "POST" else 200: success}
        if self.method == "GET" and self.path.rstrip("/").endswith("}"):
            responses.setdefault(
                304,
                OpenApiResponse(description="Not modified: the `If-None-Match` ETag is current."),
            )
        for status, response in error_responses(self.error_statuses()).items():
            responses.setdefault(status, response)
        return responses
