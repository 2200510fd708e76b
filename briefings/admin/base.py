"""What every admin here shares."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import escape


class PlainHelpTextMixin:
    """Help texts are shown as written: the admin prints them as HTML, and some name an address
    like /briefings/<slug>/, whose <slug> a browser would take for a tag."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and "<" in str(formfield.help_text):
            formfield.help_text = escape(formfield.help_text)
        return formfield


def refusal_text(refusal):
    """A service's PermissionDenied or ValidationError, in words for a message."""
    if isinstance(refusal, ValidationError):
        return " ".join(refusal.messages)
    return str(refusal) or "you may not do this."


def choices_filter(title):
    """A list filter over a related model's choices field, titled for what it filters: a quote's
    "speaker kind" rather than the bare "kind" the admin would take from the field."""

    class TitledChoicesFilter(admin.ChoicesFieldListFilter):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.title = title

    return TitledChoicesFilter
