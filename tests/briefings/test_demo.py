"""The demo content: it loads once, validates, and shows what the site can do."""

import datetime
import io
import itertools
import shutil

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from briefings.demo import DEMO_DIR, DemoContentError, load_demo_content
from briefings.models import (
    Actor,
    Briefing,
    BriefingActor,
    Correction,
    FAQEntry,
    Office,
    Place,
    Quote,
    Source,
    Topic,
)

UKRAINE = "ukraine-peace-talks-and-the-new-security-landscape"
# The domain's own models; their revision history tables are counted by _row_counts().
DOMAIN_MODELS = [
    model
    for model in apps.get_app_config("briefings").get_models()
    if not model.__name__.startswith("Historical")
]


@pytest.fixture
def demo(db):
    return load_demo_content()


def _row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


def test_loading_creates_at_least_the_promised_content(demo):
    assert Briefing.objects.published().count() >= 4
    assert Actor.objects.count() >= 15
    assert Quote.objects.count() >= 12
    assert Source.objects.count() >= 6
    assert FAQEntry.objects.count() >= 10
    assert FAQEntry.objects.filter(briefing=None).count() >= 2
    assert Topic.objects.count() >= 6
    assert Topic.objects.exclude(parent=None).exists()
    assert Place.objects.count() >= 8
    assert Correction.objects.filter(briefing__in=Briefing.objects.published()).exists()
    assert len({actor.kind for actor in Actor.objects.all()}) >= 5
    assert len({source.kind for source in Source.objects.all()}) >= 4


def test_loading_reports_what_it_created(demo):
    assert demo["briefings"] == Briefing.objects.count()
    assert demo["actors"] == Actor.objects.count()
    assert demo["quotes"] == Quote.objects.count()


def test_a_second_run_adds_nothing_to_any_table(demo):
    before = _row_counts()

    assert load_demo_content() is None

    assert _row_counts() == before


def test_every_demo_object_passes_full_clean(demo):
    for model in DOMAIN_MODELS:
        for instance in model.objects.all():
            instance.full_clean()


def test_quotes_carry_all_four_verification_statuses(demo):
    statuses = set(Quote.objects.values_list("verification", flat=True))

    assert {"verified", "reported", "unverified", "disputed"} <= statuses


def test_no_quote_is_verified_without_a_source(demo):
    assert not Quote.objects.filter(verification="verified", source=None).exists()


def test_only_the_fictional_institutes_quotes_are_verified(demo):
    verified = Quote.objects.filter(verification="verified").select_related("source")

    assert verified.exists()
    assert all(".example.org/" in quote.source.url for quote in verified)


def test_every_quote_is_used_by_a_briefing_and_one_by_two(demo):
    assert not Quote.objects.filter(briefing_links=None).exists()
    assert any(quote.briefing_links.count() >= 2 for quote in Quote.objects.all())


def test_quotes_name_the_tenure_covering_the_day_they_were_said(demo):
    rutte = Quote.objects.get(text__startswith="Today was really about security guarantees")

    assert rutte.tenure.office.title == "NATO Secretary General"
    assert rutte.attributed_as == "NATO chief"
    assert Quote.objects.exclude(said_on_precision="day").exists()


def test_tenures_of_a_single_holder_office_never_overlap(demo):
    for office in Office.objects.filter(single_holder=True):
        tenures = sorted(office.tenures.all(), key=lambda tenure: tenure.started_on)
        assert not any(a.overlaps(b) for a, b in itertools.pairwise(tenures))


def test_only_the_draft_and_the_scheduled_briefing_are_not_public(demo):
    hidden = Briefing.objects.exclude(pk__in=Briefing.objects.published())
    draft = Briefing.objects.get(status="draft")
    scheduled = Briefing.objects.scheduled().get()

    assert set(hidden) == {draft, scheduled}
    assert draft.published_at is None
    assert scheduled.published_at > timezone.now() + datetime.timedelta(days=29)


def test_the_ukraine_briefing_has_sections_quotes_in_order_and_an_faq(demo):
    briefing = Briefing.objects.get(slug=UKRAINE)
    headings = [line for line in briefing.body.splitlines() if line.startswith("## ")]
    orders = [link.order for link in briefing.quote_links.all()]

    assert 3 <= len(headings) <= 5
    assert "## The shifting sands of security guarantees" in headings
    assert "<h2" in briefing.body_html
    assert orders == sorted(orders) and len(set(orders)) == len(orders)
    assert briefing.quote_links.first().quote.speaker.name == "Mark Rutte"
    assert briefing.faq_entries.filter(question__endswith="?").count() >= 2


def test_the_command_prints_a_summary_and_then_says_it_is_already_loaded(db):
    first, second = io.StringIO(), io.StringIO()

    call_command("load_demo", stdout=first)
    call_command("load_demo", stdout=second)

    assert "Loaded demo content:" in first.getvalue()
    assert f"{Briefing.objects.count()} briefings" in first.getvalue()
    assert "Demo content is already loaded; nothing added." in second.getvalue()


def test_published_demo_briefings_were_last_changed_when_they_were_published(demo):
    for briefing in Briefing.objects.published():
        assert briefing.updated_at == briefing.published_at


def test_each_briefing_comes_from_its_markdown_file_through_the_importer(demo):
    files = sorted(path.stem for path in (DEMO_DIR / "briefings").glob("*.md"))

    assert sorted(Briefing.objects.values_list("slug", flat=True)) == files
    for briefing in Briefing.objects.all():
        assert briefing.history.earliest().history_change_reason == "Imported"


def test_the_subjects_are_pinned_and_the_other_actors_linked_from_the_text(demo):
    briefing = Briefing.objects.get(slug=UKRAINE)
    roles = {row.actor.slug: (row.role, row.curated) for row in briefing.actor_links.all()}

    assert {slug for slug, (role, _) in roles.items() if role == "subject"} == {
        "ukraine-state",
        "russia-state",
        "nato",
    }
    assert all(curated == (role == "subject") for role, curated in roles.values())
    assert roles["jens-stoltenberg"] == ("quoted", False)  # quoted, though the text never names him
    assert not BriefingActor.objects.filter(excluded=True).exists()


@pytest.mark.parametrize(
    ("written", "edited", "problem"),
    [
        ("Arms control]", "Arms kontrol]", "No topic is called “Arms kontrol”"),
        ("the way to peace.", "the road to peace.", "not in quotes.yaml: “Weapons are the road"),
    ],
)
def test_a_demo_file_that_names_something_not_stored_fails_the_load_and_writes_nothing(
    db, tmp_path, monkeypatch, written, edited, problem
):
    shutil.copytree(DEMO_DIR, tmp_path / "demo")
    path = tmp_path / "demo" / "briefings" / f"{UKRAINE}.md"
    path.write_text(path.read_text().replace(written, edited))
    monkeypatch.setattr("briefings.demo.DEMO_DIR", tmp_path / "demo")

    with pytest.raises(DemoContentError, match=f"{UKRAINE}.md: {problem}"):
        load_demo_content()
    assert not any(model.objects.exists() for model in DOMAIN_MODELS)
