"""What every admin here shares."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.html import escape
from django.utils.text import smart_split

from briefings import policies, services
from briefings.search.engine import MAX_QUERY_LENGTH

# Words of an admin search: each adds a condition per search field, and thousands of them make a
# query no database will run (SQLite: "expression tree is too large").
ADMIN_SEARCH_WORDS = 8


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


class PolicyAdminMixin:
    """Who sees and changes what, from `briefings.policies`; every save through a service.

    Lists and autocompletes show what the user may see; a row they may see but not change opens
    read-only; editor-only fields are read-only to contributors.
    """

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if policies.is_editor(request.user):
            return queryset
        return queryset.filter(pk__in=policies.visible(request.user, self.model).values("pk"))

    def get_search_results(self, request, queryset, search_term):
        """Django's search over the first `ADMIN_SEARCH_WORDS` words, saying so on a list."""
        words = list(smart_split(search_term.replace("\x00", "")[:MAX_QUERY_LENGTH]))
        if len(words) > ADMIN_SEARCH_WORDS:
            words = words[:ADMIN_SEARCH_WORDS]
            match = request.resolver_match
            if match is not None and match.url_name.endswith("_changelist"):
                messages.info(
                    request,
                    f"Searched for the first {ADMIN_SEARCH_WORDS} words: {' '.join(words)}",
                )
        return super().get_search_results(request, queryset, " ".join(words))

    def has_module_permission(self, request):
        return policies.is_contributor(request.user)

    def has_view_permission(self, request, obj=None):
        return policies.is_contributor(request.user) and (
            obj is None or policies.can_view(request.user, obj)
        )

    def has_add_permission(self, request, *args):
        return policies.can_create(request.user, self.model)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return policies.can_create(request.user, self.model)
        return policies.can_change(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return policies.is_editor(request.user)
        return policies.can_delete(request.user, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if policies.is_editor(request.user):
            return readonly
        editor_only = policies.EDITOR_ONLY_FIELDS.get(self.model, ())
        return readonly + [name for name in sorted(editor_only) if name not in readonly]

    def get_form(self, request, obj=None, change=False, **kwargs):
        return policy_checked(super().get_form(request, obj, change, **kwargs), request.user)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # A page shown read-only says why, instead of leaving the user to guess.
        reason = obj is not None and policies.why_not_change(request.user, obj)
        if reason and request.method == "GET":
            messages.info(request, f"You can read this but not change it: {reason}")
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        services.content_save(obj=obj, by=request.user, reason=change_reason(request))

    def save_formset(self, request, form, formset, change):
        """Each inline row through its save service, which asks the rules again."""
        for row in formset.save(commit=False):
            services.content_save(obj=row, by=request.user, reason=change_reason(request))
        for row in formset.deleted_objects:
            services.content_delete(obj=row, by=request.user)
        formset.save_m2m()

    def delete_model(self, request, obj):
        services.content_delete(obj=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.content_delete(obj=obj, by=request.user)


def policy_checked(form_class, user):
    """`form_class`, refusing in its own validation what the save service would refuse, so that
    the user sees why next to the fields and loses nothing they typed."""

    class PolicyCheckedForm(form_class):
        def _post_clean(self):
            super()._post_clean()
            if self._errors:
                return
            try:
                policies.check_save(user, self.instance)
            except ValidationError as refusal:
                for field, messages in refusal.message_dict.items():
                    self.add_error(field if field in self.fields else None, messages)
            except PermissionDenied as refusal:
                self.add_error(None, refusal_text(refusal))

    PolicyCheckedForm.__name__ = form_class.__name__
    return PolicyCheckedForm


def change_reason(request):
    """Why the history will say this save happened: a restore says so; other saves get the
    service's own word."""
    from .history import restoring

    restore = restoring(request)
    return restore.reason if restore is not None else ""
