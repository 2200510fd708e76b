"""Every write with side effects: the admin, the API, the importer and the management commands
call these, never the ORM directly.

Each service is keyword-only (`<entity>_<action>(*, …, by)`), asks `briefings.policies` whether
`by` may do it, runs in one transaction, and records who did it in the history.
"""

from .briefings import (
    TRANSITIONS,
    Change,
    StaleEditError,
    briefing_archive,
    briefing_changes_since,
    briefing_publish,
    briefing_save,
    briefing_submit_for_review,
    briefing_unpublish,
)
from .content import (
    actor_relink,
    actor_save,
    content_delete,
    content_save,
    correction_save,
    faq_entry_save,
    quote_mark_verified,
    quote_save,
    source_save,
)
from .merge import (
    ActorMergeChanged,
    ActorMergePlan,
    MergedField,
    MergedQuote,
    actor_merge,
    actor_merge_plan,
    actor_merge_plans,
)

__all__ = [
    "TRANSITIONS",
    "ActorMergeChanged",
    "ActorMergePlan",
    "Change",
    "MergedField",
    "MergedQuote",
    "StaleEditError",
    "actor_merge",
    "actor_merge_plan",
    "actor_merge_plans",
    "actor_relink",
    "actor_save",
    "briefing_archive",
    "briefing_changes_since",
    "briefing_publish",
    "briefing_save",
    "briefing_submit_for_review",
    "briefing_unpublish",
    "content_delete",
    "content_save",
    "correction_save",
    "faq_entry_save",
    "quote_mark_verified",
    "quote_save",
    "source_save",
]
