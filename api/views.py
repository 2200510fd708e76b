"""API views."""

from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response


@api_view(["GET"])
@permission_classes([AllowAny])
def api_root(request):
    """The entry point of the API: its name and the versions it serves."""
    return Response({"name": "Briefings API", "versions": []})
