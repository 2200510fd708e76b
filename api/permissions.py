"""API permissions: the domain's rules from briefings.permissions, nothing of their own."""

from rest_framework import permissions as drf

from briefings import permissions as rules
from briefings.models import Briefing, FAQEntry


class ContentPermission(drf.BasePermission):
    """Anyone reads; contributors and editors write, within the role rules.

    Briefings follow the briefing rules (a contributor edits their own drafts, only editors
    delete); every other kind of content needs the Django model permission of the user's role
    group (a contributor may add quotes and sources, not delete them). An FAQ entry on a
    briefing follows that briefing's rules; general entries are editors' work, as in the admin.
    """

    message = "Your role does not allow this."

    def has_permission(self, request, view):
        if request.method in drf.SAFE_METHODS:
            return True
        if not rules.is_contributor(request.user):
            return False
        model = view.queryset.model
        if model is Briefing:
            return request.method != "POST" or rules.can_create_briefing(request.user)
        action = {"POST": "add", "PUT": "change", "PATCH": "change", "DELETE": "delete"}.get(
            request.method
        )
        return action is not None and request.user.has_perm(
            f"{model._meta.app_label}.{action}_{model._meta.model_name}"
        )

    def has_object_permission(self, request, view, obj):
        if request.method in drf.SAFE_METHODS:
            return True
        if isinstance(obj, Briefing):
            if request.method == "DELETE":
                return rules.can_delete_briefing(request.user, obj)
            return rules.can_edit_briefing(request.user, obj)
        if isinstance(obj, FAQEntry):
            if obj.briefing is None:
                return rules.is_editor(request.user)
            return rules.can_edit_briefing(request.user, obj.briefing)
        return True
