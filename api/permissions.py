"""API permissions: the domain's rules from `briefings.policies`, nothing of their own."""

from rest_framework import permissions as drf

from briefings import policies


class ContentPermission(drf.BasePermission):
    """Anyone reads what `policies.visible` lets them see (the viewsets' querysets); writes
    follow `policies`: who may add a kind of content, change or delete a row. A refusal says why."""

    message = "Your role does not allow this."

    def has_permission(self, request, view):
        if request.method in drf.SAFE_METHODS:
            return True
        model = view.queryset.model
        if request.method == "POST":
            return policies.can_create(request.user, model)
        return policies.is_contributor(request.user)

    def has_object_permission(self, request, view, obj):
        if request.method in drf.SAFE_METHODS:
            return True
        if request.method == "DELETE":
            allowed = policies.can_delete(request.user, obj)
        else:
            allowed = policies.can_change(request.user, obj)
        if not allowed:
            self.message = policies.why_not_change(request.user, obj) or (
                f"Only editors delete {obj._meta.verbose_name_plural}."
            )
        return allowed
