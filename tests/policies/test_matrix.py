"""Who sees and changes what, on every surface: one table, its outcomes computed from the rules.

The rules are written once, in `access()` and the few functions it uses. `expected()` turns the
access a role has to an object into what a person notices on one surface: a 404, a read-only
form, a 403, a saved change. Each row of TABLE is one role, one object in one situation and one
surface; the test builds the object, does on the surface what a person would, and names what
happened in the same words, so a failure reads "expected 'refused', got 'saved'".

The roles, relative to "the briefing" each situation names: `owner` started it and is among its
authors, `coauthor` is among its authors only, `other` is another contributor, `editor` is in the
Editor group. Briefings nobody here plays a part in are written by a `stranger` (a contributor).
"""

import datetime
import html
import re
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone

from briefings.models import Briefing, BriefingActor, Quote
from tests import factories

from .conftest import DRAFT_PREVIEW, form_data, is_login_redirect

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "owner", "coauthor", "other", "editor")
CONTRIBUTORS = frozenset({"owner", "coauthor", "other"})
HIDDEN, READ_ONLY, CHANGEABLE = "hidden", "read-only", "changeable"


# The rules ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Situation:
    """An object and what it hangs on.

    `uses`: the briefings it belongs to or is used by, as (state, whose) with whose "main"
    (the briefing the roles are named after) or "stranger"; for a briefing, the briefing itself.
    """

    uses: tuple = ()
    created_by: str | None = None  # the role that created it
    needs_review: bool = False  # actors and sources a contributor created, before review
    verified: bool = False  # quotes


def briefing_is_public(state):
    """Published, and its time has come: a scheduled briefing is not public yet."""
    return state == "published"


def briefing_access(role, state, whose="main"):
    """Editors change anything; a briefing's own contributors see it in any state and change
    it only as a draft; everyone else sees it once it is public."""
    if whose == "stranger" and role in CONTRIBUTORS:
        role = "other"
    if role == "editor":
        return CHANGEABLE
    if role in {"owner", "coauthor"}:
        return CHANGEABLE if state == "draft" else READ_ONLY
    return READ_ONLY if briefing_is_public(state) else HIDDEN


def is_public(kind, situation):
    if kind in {"actor", "source"}:
        # Reviewed by an editor; or, for an actor, quoted by a public briefing.
        quoted_in_public = kind == "actor" and any(
            briefing_is_public(state) for state, _ in situation.uses
        )
        return not situation.needs_review or quoted_in_public
    if kind == "faq" and not situation.uses:
        return True  # a general entry
    return any(briefing_is_public(state) for state, _ in situation.uses)


def access(role, kind, situation):
    """What `role` may do with the object: nothing (hidden), look (read-only), or change it."""
    if kind == "briefing":
        return briefing_access(role, *situation.uses[0])
    if role == "editor":
        return CHANGEABLE
    created_it = situation.created_by == role
    if kind in {"actor", "source"}:
        # Until reviewed, and while nothing public or anyone else's uses it.
        levels = [briefing_access(role, state, whose) for state, whose in situation.uses]
        if created_it and situation.needs_review and all(level == CHANGEABLE for level in levels):
            return CHANGEABLE
        return READ_ONLY if is_public(kind, situation) or created_it else HIDDEN
    levels = [briefing_access(role, state, whose) for state, whose in situation.uses]
    if kind in {"faq", "correction"}:
        # They follow their briefing; general FAQ entries are editors' to change.
        return levels[0] if levels else READ_ONLY
    # Quotes: changeable only when every briefing using it is the contributor's own draft, and
    # one of them uses it or the contributor created it.
    own_drafts_only = all(level == CHANGEABLE for level in levels)
    if role in CONTRIBUTORS and own_drafts_only and (levels or created_it):
        return CHANGEABLE
    if is_public(kind, situation) or created_it or any(level != HIDDEN for level in levels):
        return READ_ONLY
    return HIDDEN


def saved(kind, situation):
    if kind == "quote" and situation.verified:
        # New words, speaker or source undo a verification, whoever changes them.
        return "saved; now unverified; flagged on the dashboard"
    return "saved"


def expected(role, kind, situation, surface):
    """What a person in `role` notices on `surface`: the set of acceptable outcomes."""
    level = access(role, kind, situation)
    public = is_public(kind, situation)
    if surface in {"search page", "api search", "feed", "sitemap"}:
        # Public surfaces show public content, whoever is signed in.
        return {"listed" if public else "not listed"}
    if surface == "reader page":
        if kind == "briefing":
            if level == HIDDEN:
                return {"not found"}
            return {"shown" if public else "shown as a draft preview"}
        if kind == "actor":
            return {"not found" if level == HIDDEN else "shown"}
        return {"shown" if public else "not found"}  # quote and FAQ pages show public ones only
    if surface == "api list":
        return {"not listed" if level == HIDDEN else "listed"}
    if surface == "api detail":
        return {"not found" if level == HIDDEN else "shown"}
    if surface.startswith("api "):
        if role == "anonymous":
            return {"asked to sign in"}
        if surface == "api delete":
            # Only editors delete; a hidden object may be refused or not found.
            if role == "editor":
                return {"deleted"}
            return {"refused"} if level != HIDDEN else {"not found", "refused"}
        if level == HIDDEN:
            return {"not found"}
        if level == READ_ONLY:
            return {"refused"}
        if surface == "api featured" and role != "editor":
            return {"refused, naming the field"}  # an editor-only field
        if surface == "api verification":
            if role != "editor":
                return {"refused", "refused, naming the field"}
            return {"saved"}
        return {saved(kind, situation)}
    # The admin
    if role == "anonymous":
        return {"sent to the login page"}
    if surface == "admin list":
        return {"not listed" if level == HIDDEN else "listed"}
    if surface == "admin submit for review":
        draft = situation.uses[0][0] == "draft"
        return {"submitted" if draft and level == CHANGEABLE else "not submitted"}
    if surface == "admin delete":
        if role == "editor":
            return {"deleted"}
        return {"refused"} if level != HIDDEN else {"not found", "refused"}
    if level == HIDDEN:
        # The object's page redirects or is a 404. Other requests may also be refused outright,
        # as Django's admin refuses a POST by model permission before it looks the object up.
        return {"not found"} if surface == "admin change page" else {"not found", "refused"}
    if surface == "admin history":
        return {"shown"}
    if level == READ_ONLY:
        return {"refused"} if surface != "admin change page" else {"read-only form"}
    return {
        "admin change page": {"form with a Save button"},
        "admin save": {saved(kind, situation)},
        "admin restore": {"restored"},
    }[surface]


# The objects -------------------------------------------------------------------------------

LABEL = "Quillon"  # in the text of every object under test, and of nothing else


def _briefings(state, whose):
    return ((state, whose),)


SITUATIONS = {
    "briefing": {
        state: Situation(uses=_briefings(state, "main"))
        for state in ("draft", "in review", "scheduled", "published", "archived")
    },
    "quote": {
        f"{name}, {'verified' if verified else 'reported'}": Situation(
            uses=uses, created_by=created_by, verified=verified
        )
        for name, uses, created_by in [
            ("used only by the owner's draft", _briefings("draft", "main"), None),
            (
                "used by the owner's draft and a stranger's draft",
                (("draft", "main"), ("draft", "stranger")),
                None,
            ),
            ("used by the owner's published briefing", _briefings("published", "main"), None),
            ("created by the owner and used by nothing", (), "owner"),
        ]
        for verified in (False, True)
    },
    "faq": {
        "on the owner's draft": Situation(uses=_briefings("draft", "main")),
        "on the owner's published briefing": Situation(uses=_briefings("published", "main")),
        "general (on no briefing)": Situation(),
    },
    "correction": {
        "on the owner's draft": Situation(uses=_briefings("draft", "main")),
        "on the owner's published briefing": Situation(uses=_briefings("published", "main")),
    },
    "actor": {
        "created by the owner, not reviewed": Situation(created_by="owner", needs_review=True),
        "created by the owner, reviewed": Situation(created_by="owner"),
        "created by the owner, not reviewed, quoted by a published briefing": Situation(
            uses=_briefings("published", "stranger"), created_by="owner", needs_review=True
        ),
    },
    "source": {
        "created by the owner, not reviewed": Situation(created_by="owner", needs_review=True),
        "created by the owner, reviewed": Situation(created_by="owner"),
    },
}

STATES = {
    "draft": lambda: {"status": Briefing.Status.DRAFT, "published_at": None},
    "in review": lambda: {"status": Briefing.Status.IN_REVIEW, "published_at": None},
    "scheduled": lambda: {
        "status": Briefing.Status.PUBLISHED,
        "published_at": timezone.now() + datetime.timedelta(days=3),
    },
    "published": lambda: {
        "status": Briefing.Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(days=1),
    },
    "archived": lambda: {
        "status": Briefing.Status.ARCHIVED,
        "published_at": timezone.now() - datetime.timedelta(days=30),
    },
}


def make_briefing(people, state, whose, **fields):
    """The owner's briefing (co-authored by the coauthor), or a stranger's, in `state`."""
    creator = people("owner" if whose == "main" else "stranger")
    briefing = factories.BriefingFactory(created_by=creator, **STATES[state](), **fields)
    briefing.authors.add(creator)
    if whose == "main":
        briefing.authors.add(people("coauthor"))
    return briefing


@dataclass
class Target:
    """The object under test, and how each surface finds and changes it."""

    kind: str
    obj: object
    field: str  # the field a save changes
    api_path: str
    admin_name: str
    reader_url: str | None = None
    search_word: str = ""
    control: object = None  # makes a public counterpart: () -> (its label, its reader path)
    verified: bool = False

    @property
    def model(self):
        return type(self.obj)

    def fresh(self):
        return self.model.objects.filter(pk=self.obj.pk).first()

    def value(self):
        fresh = self.fresh()
        return None if fresh is None else getattr(fresh, self.field)

    def admin_url(self, view, *args):
        return reverse(f"admin:briefings_{self.admin_name}_{view}", args=args or [self.obj.pk])

    def api_url(self):
        return f"/api/v1/{self.api_path}/{self.obj.pk}/"


def build(kind, situation, people):
    if kind == "briefing":
        briefing = make_briefing(
            people,
            situation.uses[0][0],
            "main",
            title="Zephyrine Quillon",
            slug="zephyrine-quillon",
            standfirst="The Quillon standfirst.",
        )

        def control():
            make_briefing(
                people, "published", "stranger", title="Zephyrine Marram", slug="zephyrine-marram"
            )
            return "Marram", "/briefings/zephyrine-marram/"

        return Target(
            kind,
            briefing,
            "standfirst",
            "briefings",
            "briefing",
            reader_url="/briefings/zephyrine-quillon/",
            search_word="Zephyrine",
            control=control,
        )
    if kind == "quote":
        fields = {"verification": Quote.Verification.REPORTED}
        if situation.verified:
            fields = {
                "verification": Quote.Verification.VERIFIED,
                "source": factories.SourceFactory(),
                "verified_at": timezone.now() - datetime.timedelta(days=2),
            }
        if situation.created_by:
            fields["created_by"] = people(situation.created_by)
        quote = factories.QuoteFactory(text="Quillon words, as said.", **fields)
        for state, whose in situation.uses:
            factories.BriefingQuoteFactory(
                briefing=make_briefing(people, state, whose), quote=quote
            )
        return Target(
            kind,
            quote,
            "text",
            "quotes",
            "quote",
            reader_url=f"/quotes/{quote.pk}/",
            verified=situation.verified,
        )
    if kind == "faq":
        briefing = make_briefing(people, *situation.uses[0]) if situation.uses else None
        entry = factories.FAQEntryFactory(
            question="Is Quillon asked?", answer="The Quillon answer.", briefing=briefing
        )
        return Target(kind, entry, "answer", "faqs", "faqentry", reader_url=f"/faq/{entry.pk}/")
    if kind == "correction":
        correction = factories.CorrectionFactory(
            briefing=make_briefing(people, *situation.uses[0]), text="The Quillon correction."
        )
        return Target(kind, correction, "text", "corrections", "correction")
    if kind == "actor":
        actor = factories.ActorFactory(
            name="Ilse Quillon",
            slug="ilse-quillon",
            needs_review=situation.needs_review,
            created_by=people(situation.created_by),
        )
        for state, whose in situation.uses:
            briefing = make_briefing(people, state, whose)
            quote = factories.QuoteFactory(speaker=actor)
            factories.BriefingQuoteFactory(briefing=briefing, quote=quote)
            factories.BriefingActorFactory(
                briefing=briefing, actor=actor, role=BriefingActor.Role.QUOTED
            )

        def control():
            factories.ActorFactory(name="Ilse Marram", slug="ilse-marram")
            return "Marram", "/actors/ilse-marram/"

        return Target(
            kind,
            actor,
            "short_description",
            "actors",
            "actor",
            reader_url="/actors/ilse-quillon/",
            search_word="Ilse",
            control=control,
        )
    if kind == "source":
        source = factories.SourceFactory(
            title="The Quillon document",
            needs_review=situation.needs_review,
            created_by=people(situation.created_by),
        )
        return Target(kind, source, "title", "sources", "source")
    raise ValueError(kind)


# The surfaces: each does what a person would and names what happened -------------------------

NEW_VALUE = "Changed on a surface."


def _content(response):
    return response.content.decode(errors="replace")


def _not_found(response):
    """The admin's answer for an object it will not show: a 404, or its "doesn't exist"
    redirect to the index."""
    return response.status_code == 404 or (
        response.status_code == 302 and response["Location"] == reverse("admin:index")
    )


def _unexpected(response, changed=None):
    said = f"answered {response.status_code}"
    if changed is not None:
        said += ", and the change was saved" if changed else ", nothing saved"
    context = getattr(response, "context", None)
    if context and "adminform" in context and context["adminform"].form.errors:
        said += f" (form errors: {dict(context['adminform'].form.errors)})"
    elif response.headers.get("Content-Type", "").startswith("application/json"):
        said += f" ({_content(response)[:200]})"
    return said


def reader_page(target, people, role):
    response = people.web(role).get(target.reader_url)
    if response.status_code == 404:
        return "not found" if LABEL not in _content(response) else "not found, yet named on it"
    if response.status_code == 200 and LABEL in _content(response):
        preview = target.kind == "briefing" and DRAFT_PREVIEW.search(_content(response))
        return "shown as a draft preview" if preview else "shown"
    return _unexpected(response)


def _listing(path, needle_of):
    """A public list: is the object on it? A public counterpart must be, or the list is empty."""

    def run(target, people, role):
        control_label, control_path = target.control()
        client = people.api(role) if path(target).startswith("/api/") else people.web(role)
        response = client.get(path(target))
        if response.status_code != 200:
            return _unexpected(response)
        content = _content(response)
        if needle_of(control_label, control_path) not in content:
            return "the list misses public content too"
        return "listed" if needle_of(LABEL, target.reader_url) in content else "not listed"

    return run


def api_list(target, people, role):
    response = people.api(role).get(f"/api/v1/{target.api_path}/", {"page_size": 100})
    if response.status_code != 200:
        return _unexpected(response)
    return "listed" if LABEL in _content(response) else "not listed"


def api_detail(target, people, role):
    response = people.api(role).get(target.api_url())
    if response.status_code == 404:
        return "not found" if LABEL not in _content(response) else "not found, yet named on it"
    if response.status_code == 200 and LABEL in _content(response):
        return "shown"
    return _unexpected(response)


def _api_write(target, response, changed, field, done="saved"):
    if response.status_code == 401 and not changed:
        return "asked to sign in"
    if response.status_code in {200, 204} and changed:
        return done
    if response.status_code == 403 and not changed:
        return "refused"
    if response.status_code == 404 and not changed:
        return "not found"
    if response.status_code == 400 and not changed and field in response.json().get("errors", {}):
        return "refused, naming the field"
    return _unexpected(response, changed)


def _after_save(target, people, outcome):
    """A saved quote that was verified: is it unverified now, and does the dashboard say so?"""
    if outcome != "saved" or not target.verified:
        return outcome
    quote = target.fresh()
    outcome += (
        "; now unverified"
        if quote.verification == "unverified"
        else (f"; still {quote.verification}")
    )
    flagged = _on_the_dashboard(people.web("editor"), quote, target.admin_url("change"))
    return outcome + ("; flagged on the dashboard" if flagged else "; not on the dashboard")


def _on_the_dashboard(editor, quote, change_url):
    """The admin index has a "changed since verified" panel that names the quote, or links to
    a list of quotes that does."""
    index = _content(editor.get(reverse("admin:index")))
    at = index.lower().find("changed since verified")
    if at < 0:
        return False
    start = index.rfind("<section", 0, at)
    start = start if start >= 0 and at - start < 1000 else max(0, at - 200)
    end = index.find("</section>", at)
    panel = index[start : end if end >= 0 else at + 1500]
    if quote.text in panel or change_url in panel:
        return True
    quote_list = reverse("admin:briefings_quote_changelist")
    links = (html.unescape(href) for href in re.findall(r'href="([^"]+)"', panel))
    return any(
        link.startswith(quote_list) and quote.text in _content(editor.get(link)) for link in links
    )


def api_save(target, people, role):
    response = people.api(role).patch(target.api_url(), {target.field: NEW_VALUE}, format="json")
    outcome = _api_write(target, response, target.value() == NEW_VALUE, target.field)
    return _after_save(target, people, outcome)


def api_featured(target, people, role):
    response = people.api(role).patch(target.api_url(), {"featured": True}, format="json")
    return _api_write(target, response, target.fresh().featured, "featured")


def api_verification(target, people, role):
    response = people.api(role).patch(target.api_url(), {"verification": "disputed"}, format="json")
    changed = target.fresh().verification == "disputed"
    return _api_write(target, response, changed, "verification")


def api_delete(target, people, role):
    response = people.api(role).delete(target.api_url())
    return _api_write(target, response, target.fresh() is None, None, done="deleted")


def _admin_answer(response, done, changed):
    if is_login_redirect(response):
        return "sent to the login page" if not changed else "sent to the login page, yet changed"
    if _not_found(response) and not changed:
        return "not found"
    if response.status_code == 403 and not changed:
        return "refused"
    if response.status_code == 302 and changed:
        return done
    return _unexpected(response, changed)


def admin_list(target, people, role):
    response = people.web(role).get(reverse(f"admin:briefings_{target.admin_name}_changelist"))
    if is_login_redirect(response):
        return "sent to the login page"
    if response.status_code != 200:
        return _unexpected(response)
    return "listed" if LABEL in _content(response) else "not listed"


def admin_change_page(target, people, role):
    response = people.web(role).get(target.admin_url("change"))
    if is_login_redirect(response):
        return "sent to the login page"
    if _not_found(response):
        return "not found"
    if response.status_code == 403:
        return "refused"
    if response.status_code == 200 and LABEL in _content(response):
        saves = 'name="_save"' in _content(response)
        return "form with a Save button" if saves else "read-only form"
    return _unexpected(response)


def _posted_form(people, role, url):
    """The form as the role's user would post it, or, when they get no form to save, the
    editor's form posted in their name (a forged request)."""
    own = people.web(role).get(url)
    if own.status_code == 200 and 'name="_save"' in _content(own):
        return form_data(own)
    return form_data(people.web("editor").get(url))


def admin_save(target, people, role):
    url = target.admin_url("change")
    data = _posted_form(people, role, url)
    data[target.field] = NEW_VALUE
    response = people.web(role).post(url, data)
    outcome = _admin_answer(response, "saved", target.value() == NEW_VALUE)
    return _after_save(target, people, outcome)


def admin_history(target, people, role):
    response = people.web(role).get(target.admin_url("history"))
    if is_login_redirect(response):
        return "sent to the login page"
    named = LABEL in _content(response)
    if response.status_code == 200 and named:
        return "shown"
    if named:
        return _unexpected(response) + ", naming the object"
    if _not_found(response):
        return "not found"
    return "refused" if response.status_code == 403 else _unexpected(response)


def admin_restore(target, people, role):
    first = target.obj.history.order_by("history_date", "history_id").first()
    original = getattr(first, target.field)
    later = target.fresh()
    setattr(later, target.field, "A later version.")
    later.save()
    url = target.admin_url("simple_history", target.obj.pk, first.history_id)
    data = _posted_form(people, role, url)
    response = people.web(role).post(url, data)
    return _admin_answer(response, "restored", target.value() == original)


def admin_delete(target, people, role):
    response = people.web(role).post(target.admin_url("delete"), {"post": "yes"})
    return _admin_answer(response, "deleted", target.fresh() is None)


def admin_submit_for_review(target, people, role):
    before = target.fresh().status
    response = people.web(role).post(
        reverse("admin:briefings_briefing_changelist"),
        {"action": "submit_for_review", "_selected_action": [target.obj.pk]},
    )
    if is_login_redirect(response):
        return "sent to the login page"
    if response.status_code >= 500:
        return _unexpected(response)
    after = target.fresh().status
    if after == before:
        return "not submitted"
    return "submitted" if after == Briefing.Status.IN_REVIEW else f"became {after}"


SURFACES = {
    "reader page": reader_page,
    "search page": _listing(
        lambda target: f"/search/?q={target.search_word}", lambda label, path: label
    ),
    "api search": _listing(
        lambda target: f"/api/v1/search/?q={target.search_word}", lambda label, path: label
    ),
    "feed": _listing(lambda target: "/feeds/briefings/", lambda label, path: label),
    "sitemap": _listing(lambda target: "/sitemap.xml", lambda label, path: path),
    "admin list": admin_list,
    "admin change page": admin_change_page,
    "admin save": admin_save,
    "admin history": admin_history,
    "admin restore": admin_restore,
    "admin delete": admin_delete,
    "admin submit for review": admin_submit_for_review,
    "api list": api_list,
    "api detail": api_detail,
    "api save": api_save,
    "api featured": api_featured,
    "api verification": api_verification,
    "api delete": api_delete,
}

SURFACES_OF = {
    "briefing": [
        "reader page", "search page", "api search", "feed", "sitemap", "admin list",
        "admin change page", "admin save", "admin history", "admin restore", "admin delete",
        "admin submit for review", "api list", "api detail", "api save", "api featured",
        "api delete",
    ],
    "quote": [
        "reader page", "api detail", "admin change page", "admin save", "api save",
        "api verification",
    ],
    "faq": [
        "reader page", "api detail", "admin change page", "admin save", "admin restore",
        "api save",
    ],
    "correction": ["api detail", "admin change page", "admin save", "api save"],
    "actor": [
        "reader page", "search page", "sitemap", "api list", "api detail", "admin change page",
        "admin save", "admin restore", "api save",
    ],
    "source": ["api list", "api detail", "admin change page", "admin save", "api save"],
}  # fmt: skip


# The table ---------------------------------------------------------------------------------

TABLE = [
    pytest.param(
        role,
        kind,
        name,
        surface,
        frozenset(outcomes := expected(role, kind, situation, surface)),
        id=f"{role} | {kind} {name} | {surface} -> {' or '.join(sorted(outcomes))}",
    )
    for kind, situations in SITUATIONS.items()
    for name, situation in situations.items()
    for surface in SURFACES_OF[kind]
    for role in ROLES
]


@pytest.mark.parametrize(("role", "kind", "situation", "surface", "outcomes"), TABLE)
def test_each_role_meets_the_rules_on_every_surface(
    people, role, kind, situation, surface, outcomes
):
    target = build(kind, SITUATIONS[kind][situation], people)

    observed = SURFACES[surface](target, people, role)

    assert observed in outcomes, f"expected {' or '.join(sorted(outcomes))}, got {observed!r}"
