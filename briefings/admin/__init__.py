"""The editors' workspace: the Django admin, with the workflow, roles, previews and history.

One module per area; importing them registers their ModelAdmins with the default site, which
is `briefings.admin_site.BriefingsAdminSite` (see `apps.BriefingsAdminConfig`).
"""

from . import actor, briefing, content, quote

__all__ = ["actor", "briefing", "content", "quote"]
