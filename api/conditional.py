"""ETag and Last-Modified on detail responses; If-None-Match → 304, stale If-Match → 412."""

import hashlib

from django.utils.http import http_date, parse_etags
from rest_framework import status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from .errors import PreconditionFailed


def etag_for(data):
    """A strong ETag of a representation: the hash of its JSON."""
    return f'"{hashlib.sha256(JSONRenderer().render(data)).hexdigest()[:32]}"'


class ConditionalMixin:
    """For viewsets: validators on retrieve, and If-Match checked before update and destroy.

    The ETag is that of the plain representation (no `expand`), so a client can send back the
    ETag of any GET of the object without parameters.
    """

    def plain_representation(self, instance):
        context = {**self.get_serializer_context(), "expand": frozenset()}
        return self.get_serializer_class()(instance, context=context).data

    def current_etag(self, instance):
        return etag_for(self.plain_representation(instance))

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        etag = self.current_etag(instance)
        headers = {"ETag": etag}
        if getattr(instance, "updated_at", None):
            headers["Last-Modified"] = http_date(instance.updated_at.timestamp())
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers=headers)
        return Response(self.get_serializer(instance).data, headers=headers)

    def check_if_match(self, instance):
        """Refuse (412) a write whose If-Match names another version; no If-Match: last writer wins."""
        wanted = self.request.headers.get("If-Match")
        if wanted is None:
            return
        tags = parse_etags(wanted)
        if "*" not in tags and self.current_etag(instance) not in tags:
            raise PreconditionFailed()

    def perform_update(self, serializer):
        self.check_if_match(serializer.instance)
        super().perform_update(serializer)

    def perform_destroy(self, instance):
        self.check_if_match(instance)
        super().perform_destroy(instance)

    def update(self, request, *args, **kwargs):
        response = super().update(request, *args, **kwargs)
        response["ETag"] = self.current_etag(self.get_object())
        return response
