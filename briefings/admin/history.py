"""Revision history in the admin: who changed what and why, readable diffs, and restoring a version.

simple-history's admin lists the records and offers a "Revert" form per version. This base class
prints each change as a field-level diff (line diffs for long texts), records restores with a
change reason, and checks on a restore that the user may change the object as it is now — the
stock form view only checks that they may view it.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.db.models import ManyToManyField
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from briefings import policies

from .diffs import visible_changes


class ReadableHistoryHelper(HistoricalRecordContextHelper):
    """Each change as a FieldChange: labels and dates in words, long texts as a line diff."""

    def context_for_delta_changes(self, delta):
        changes = []
        for change in delta.changes:
            old, new = change.old, change.new
            if isinstance(self.model._meta.get_field(change.field), ManyToManyField):
                old = self.prepare_delta_change_value(change, old)
                new = self.prepare_delta_change_value(change, new)
            changes.append((change.field, old, new))
        return visible_changes(self.model, changes)


@dataclass
class Restoring:
    """Set on the request while a version is being restored."""

    record: object
    current: object

    @property
    def reason(self):
        when = date_format(timezone.localtime(self.record.history_date), "j M Y H:i")
        return f"Restored version from {when}"


def restoring(request):
    """The version being restored in this request, or None."""
    return getattr(request, "briefings_restoring", None)


class HistoryAdmin(SimpleHistoryAdmin):
    object_history_template = "admin/briefings/object_history.html"
    object_history_list_template = "admin/briefings/object_history_list.html"
    object_history_form_template = "admin/briefings/object_history_form.html"
    # What a restore keeps from the object as it is now, with a word for the editor; see BriefingAdmin.
    kept_on_restore = ()

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistoryHelper(self.model, historical_record)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        history_model = self.model.history.model
        record = get_object_or_404(
            history_model,
            **{self.model._meta.pk.attname: unquote(object_id), "history_id": version_id},
        )
        current = self.get_object(request, unquote(object_id))
        if current is None:
            if self.model._default_manager.filter(pk=record.instance.pk).exists():
                raise Http404("No such object.")  # it exists, but not for this user
            # Deleted: its relations and the rows that pointed at it are gone with it, so an
            # old version alone cannot bring it back whole. Say so rather than fail.
            opts = self.model._meta
            self.message_user(
                request,
                f"“{record.instance}” was deleted, and a deleted {opts.verbose_name} cannot be "
                f"restored from its history; its versions stay listed here for reference. "
                f"Create it again, copying what you need from them.",
                messages.WARNING,
            )
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            )
        # The stock view lets anyone who may *view* the object post the revert form; a restore
        # is a save, judged on the object as it is and as it would be.
        if request.method == "POST":
            try:
                policies.check_restore(request.user, current, record.instance)
            except ValidationError as refusal:
                raise PermissionDenied(" ".join(refusal.messages)) from refusal
        request.briefings_restoring = Restoring(record=record, current=current)
        context = {
            "restoring": request.briefings_restoring,
            "kept_on_restore": self.kept_on_restore,
            **(extra_context or {}),
        }
        # The stock view saves outside a transaction; a refused save must leave nothing behind.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, context)

    def history_form_view_title(self, request, obj):
        if self.revert_disabled(request, obj):
            return f"An earlier version of “{obj}”"
        return f"Restore an earlier version of “{obj}”"

    def revert_disabled(self, request, obj=None):
        # Judge a restore by the object as it is now, not by the old copy being shown.
        if restoring(request) is not None:
            obj = restoring(request).current
        return super().revert_disabled(request, obj)

    def save_model(self, request, obj, form, change):
        if restoring(request) is not None:
            obj._change_reason = restoring(request).reason
        super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        restore = restoring(request)
        if restore is None:
            return super().response_change(request, obj)
        when = date_format(timezone.localtime(restore.record.history_date), "j M Y, H:i")
        self.message_user(
            request,
            f"Restored “{obj}” as it was on {when}; that is now its newest version.",
            messages.SUCCESS,
        )
        opts = self.model._meta
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        )
