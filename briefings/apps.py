"""The briefings app: the domain of the knowledge base."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class BriefingsConfig(AppConfig):
    name = "briefings"
    verbose_name = "Knowledge base"

    def ready(self):
        from briefings import changes
        from briefings.search import signals

        signals.connect()
        changes.connect()


class BriefingsAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the editors' site as the default site."""

    default = False  # this module's default app config is BriefingsConfig

    default_site = "briefings.admin_site.BriefingsAdminSite"
