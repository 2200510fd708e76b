"""Browser fixtures: Debian's Chromium, driven by Playwright's sync API against pytest-django's live server.

One Chromium serves the whole run; every test gets fresh browser contexts (own cookies, own
viewport, own colour scheme) and, through `demo`, the demo content loaded into the database the
live server reads. `transactional_db` empties the database after each test, so each test loads
the demo content again (about half a second on SQLite, a little more on PostgreSQL).
"""

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.utils import timezone

from briefings.demo import load_demo_content
from briefings.models import Actor, Briefing, FAQEntry, Place, Quote, Topic
from tests.factories import UserFactory

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
REPOSITORY = Path(__file__).resolve().parents[2]
ARTIFACTS = REPOSITORY / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE = REPOSITORY / "node_modules/axe-core/axe.min.js"
PASSWORD = "correct horse battery staple"
DESKTOP = {"width": 1280, "height": 900}


def _missing(message):
    """Fails under CI (nothing may skip there), skips otherwise."""
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {message}.", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium for the whole run; CI fails loudly when the browser is missing."""
    if not CHROMIUM.exists():
        _missing(
            f"the browser tests need Debian's Chromium at {CHROMIUM}; "
            "install it with `apt-get install chromium`"
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test thread, which trips Django's check
    # against database calls from async code; the tests still make one call at a time.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def console_errors():
    """Console errors and uncaught exceptions seen by every page of the test, for it to assert on."""
    return []


@pytest.fixture
def open_page(browser, console_errors):
    """Opens a tab in a new context (`browser.new_context` options, desktop-sized by default).

    Every tab reports console errors and uncaught exceptions to `console_errors`; the contexts
    close when the test ends.
    """
    contexts = []

    def open_page(**options):
        options.setdefault("viewport", DESKTOP)
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and console_errors.append(f"{message.text} ({message.location.get('url')})")
            ),
        )
        page.on("pageerror", lambda error: console_errors.append(str(error)))
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    """A fresh desktop-sized tab with its own cookies."""
    return open_page()


@pytest.fixture
def demo(transactional_db):
    """The demo content, with the objects and addresses the tests use most.

    `paths` names one page of each kind a reader visits, for parametrised tests.
    """
    assert load_demo_content(), "the test database already held briefings"
    briefing = Briefing.objects.get(slug="ukraine-peace-talks-and-the-new-security-landscape")
    actor = Actor.objects.get(slug="volodymyr-zelensky")
    topic = Topic.objects.get(slug="security-guarantees")
    place = Place.objects.get(slug="ukraine")
    content = SimpleNamespace(
        briefing=briefing,
        draft=Briefing.objects.get(status=Briefing.Status.DRAFT),
        scheduled=Briefing.objects.get(
            status=Briefing.Status.PUBLISHED, published_at__gt=timezone.now()
        ),
        actor=actor,
        # An alias a reader might type; the actor's name does not contain it.
        alias="Zelenskyy",
        topic=topic,
        place=place,
        quote=Quote.objects.published().filter(speaker=actor).first(),
        faq_entry=FAQEntry.objects.published().filter(briefing=briefing).first(),
    )
    assert content.alias in actor.aliases.values_list("name", flat=True)
    assert content.alias not in actor.name
    content.paths = {
        "home": "/",
        "briefing-list": f"/briefings/?topic={topic.slug}&place={place.slug}",
        "briefing": briefing.get_absolute_url(),
        "actor": actor.get_absolute_url(),
        "quotes": "/quotes/",
        "faq": "/faq/",
        "search": f"/search/?q={content.alias}",
        "topic": topic.get_absolute_url(),
        "place": place.get_absolute_url(),
    }
    return content


@pytest.fixture
def staff(transactional_db):
    """A staff user who may do everything in the admin; the password is PASSWORD."""
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def axe_script():
    """The path of axe-core's script, installed by `npm ci` from the repository's lock file."""
    if not AXE.is_file():
        _missing(
            f"the accessibility tests need axe-core at {AXE.relative_to(REPOSITORY)}; "
            "`npm ci` in the repository root installs it"
        )
    return AXE


@pytest.fixture
def screenshots():
    """The folder for screenshots (git-ignored), named in the README."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def staff_page(open_page, live_server, staff):
    """A tab signed in as `staff` through the admin's login form."""
    page = open_page()
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(staff.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    return page
