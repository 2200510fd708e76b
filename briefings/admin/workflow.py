"""The briefing workflow in the admin: each step is a button on the form and an action on the list.

The steps call the services in `briefings.services`; the permission functions decide who sees them.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import admin

from briefings import policies, services
from briefings.models import Briefing

Status = Briefing.Status


@dataclass(frozen=True)
class Step:
    """One workflow transition: a button on the form, an action on the list, a service."""

    name: str  # the button's value, the action's name, and its permission (has_<name>_permission)
    label: str
    action_label: str
    done: str
    service: Any
    # The statuses the service accepts (services.TRANSITIONS); buttons are offered only there.
    from_statuses: frozenset

    def allowed(self, user, briefing):
        """Offered for this briefing: its status allows the step and so does `policies`."""
        check = getattr(policies, f"can_{self.name}")
        return briefing.status in self.from_statuses and check(user, briefing)


WORKFLOW = [
    Step(
        "submit_for_review",
        "Submit for review",
        "Submit selected briefings for review",
        "submitted for review",
        services.briefing_submit_for_review,
        services.TRANSITIONS["submit_for_review"],
    ),
    Step(
        "publish",
        "Publish",
        "Publish selected briefings",
        "published",
        services.briefing_publish,
        services.TRANSITIONS["publish"],
    ),
    Step(
        "unpublish",
        "Return to draft",
        "Return selected briefings to draft",
        "returned to draft",
        services.briefing_unpublish,
        services.TRANSITIONS["unpublish"],
    ),
    Step(
        "archive",
        "Archive",
        "Archive selected briefings",
        "archived",
        services.briefing_archive,
        services.TRANSITIONS["archive"],
    ),
]
STEPS = {step.name: step for step in WORKFLOW}


def offered_steps(user, briefing):
    """The workflow buttons for `user` on `briefing`'s form."""
    if briefing.pk is None:
        # A new briefing can be sent on its way, not sent back or archived. Whoever creates it
        # owns it, so whoever may create it may submit it.
        return [
            step
            for step, allowed in [
                (STEPS["submit_for_review"], policies.can_create(user, Briefing)),
                (STEPS["publish"], policies.can_publish(user, briefing)),
            ]
            if allowed
        ]
    return [step for step in WORKFLOW if step.allowed(user, briefing)]


def workflow_action(step):
    def action(modeladmin, request, queryset):
        for briefing in queryset:
            modeladmin.apply_step(request, briefing, step)

    action.__name__ = step.name
    return admin.action(description=step.action_label, permissions=[step.name])(action)
