"""What needs attention, shown at the top of the admin index: reviews, schedules, stale pages, quotes.

Each panel counts and lists a few briefings the user may see and links to the same selection
in the briefing list, through that list's filters. Two queries a panel, however much content.
"""

from dataclasses import dataclass, field

from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.http import urlencode

from briefings import policies
from briefings.models import Actor, Briefing, Quote, Source

from .filters import STALE_AFTER_DAYS, briefings_visible_to, not_updated_for

PANEL_SIZE = 5


@dataclass
class Panel:
    key: str
    title: str
    count: int
    url: str
    empty: str
    items: list = field(default_factory=list)
    summary: str = ""  # for a panel without items: what the count counts


def _briefing_list(**filters):
    return f"{reverse('admin:briefings_briefing_changelist')}?{urlencode(filters)}"


def _briefing_panel(key, title, queryset, filters, empty, ordering):
    return Panel(
        key=key,
        title=title,
        count=queryset.count(),
        url=_briefing_list(**filters),
        empty=empty,
        items=list(queryset.order_by(*ordering)[:PANEL_SIZE]),
    )


def attention_panels(request):
    """The panels for this user: an editor's desk, or a contributor's own work."""
    user = request.user
    if not policies.is_contributor(user):
        return []
    visible = briefings_visible_to(user)
    drafts = _briefing_panel(
        "drafts",
        "Your drafts",
        policies.own_drafts(user),
        {"status__exact": Briefing.Status.DRAFT, "owner": "me"},
        "No drafts of yours.",
        ["-updated_at"],
    )
    in_review = _briefing_panel(
        "in_review",
        "Awaiting review" if policies.is_editor(user) else "Yours in review",
        visible.filter(status=Briefing.Status.IN_REVIEW),
        {"status__exact": Briefing.Status.IN_REVIEW},
        "Nothing is waiting for review.",
        ["updated_at"],
    )
    if not policies.is_editor(user):
        return [drafts, in_review]
    unchecked = [Quote.Verification.UNVERIFIED, Quote.Verification.REPORTED]
    unchecked_quotes = Quote.objects.filter(verification__in=unchecked).count()
    new_speakers = Actor.objects.filter(needs_review=True).count()
    new_sources = Source.objects.filter(needs_review=True).count()
    changed_quotes = Quote.objects.changed_since_verified().count()
    return [
        in_review,
        _briefing_panel(
            "scheduled",
            "Scheduled",
            visible.filter(pk__in=Briefing.objects.scheduled().values("pk")),
            {"public": "scheduled"},
            "Nothing is scheduled.",
            ["published_at"],
        ),
        _briefing_panel(
            "stale",
            f"Not updated for {STALE_AFTER_DAYS} days",
            visible.filter(pk__in=not_updated_for(STALE_AFTER_DAYS).values("pk")),
            {"updated": "over-90-days"},
            f"Every public briefing was updated in the last {STALE_AFTER_DAYS} days.",
            ["updated_at"],
        ),
        Panel(
            key="quotes",
            title="Quotes to verify",
            count=unchecked_quotes,
            url=f"{reverse('admin:briefings_quote_changelist')}?"
            f"{urlencode({'verification__in': ','.join(unchecked)})}",
            empty="Every quote is verified or has a settled status.",
            summary=f"{unchecked_quotes} quote{pluralize(unchecked_quotes)} unverified or only reported",
        ),
        Panel(
            key="changed_quotes",
            title="Changed since verified",
            count=changed_quotes,
            url=f"{reverse('admin:briefings_quote_changelist')}?changed_since_verified=1",
            empty="No verified quote has changed since it was verified.",
            summary=f"{changed_quotes} quote{pluralize(changed_quotes)} whose words, speaker "
            "or source changed after verification, to verify again",
        ),
        Panel(
            key="speakers",
            title="New actors to review",
            count=new_speakers,
            url=f"{reverse('admin:briefings_actor_changelist')}?needs_review__exact=1",
            empty="No new actor is waiting for review.",
            summary=f"{new_speakers} actor{pluralize(new_speakers)} added by contributors or "
            "imports, to check and complete; readers see them once reviewed",
        ),
        Panel(
            key="sources",
            title="New sources to review",
            count=new_sources,
            url=f"{reverse('admin:briefings_source_changelist')}?needs_review__exact=1",
            empty="No new source is waiting for review.",
            summary=f"{new_sources} source{pluralize(new_sources)} added by contributors or "
            "imports, to check",
        ),
        drafts,
    ]
