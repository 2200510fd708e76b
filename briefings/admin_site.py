"""The editors' admin site: Django's, with what needs attention on its index page."""

from django.contrib import admin


class BriefingsAdminSite(admin.AdminSite):
    site_header = "Briefings — editors"
    site_title = "Briefings admin"
    index_title = "Knowledge base"

    def index(self, request, extra_context=None):
        # Imported here: the admin package registers its ModelAdmins with this site on import.
        from briefings.admin.dashboard import attention_panels

        context = {"attention_panels": attention_panels(request), **(extra_context or {})}
        return super().index(request, extra_context=context)
