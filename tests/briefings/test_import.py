"""The importer: text in, a structured draft out, or a clear error and nothing written."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse

from briefings.demo import load_demo_content
from briefings.importer.export import export_markdown
from briefings.importer.service import ImportFailed, import_briefing
from briefings.models import Actor, Briefing, BriefingActor, FAQEntry, Quote
from tests import factories

pytestmark = pytest.mark.django_db

PLAIN = """\
Ports under pressure in the Strait of Hormuz

Shipping through the strait has fallen by a third since March, and insurers are pricing in a \
longer disruption.

How the slowdown began

Tanker traffic thinned after two vessels were hit in the Gulf of Oman. “We will keep the sea \
lanes open for every flag,” said NATO chief Mark Rutte on Tuesday.

Iran denied any role. Foreign Minister Abbas Araghchi said: "Our navy protects shipping, it does \
not threaten it."

“Insurers now price the strait like a war zone.” – Dr. Jane Doe, Analyst, Northbridge Institute

What comes next

Much depends on whether the naval escorts announced in April arrive on time.

Frequently Asked Questions

Why does the strait matter?
About a fifth of the oil traded by sea passes through it.

Who protects shipping there?
Several navies run escort missions, each with its own mandate.
"""


@pytest.fixture
def known(db):
    """Actors and places an import should find rather than create."""
    nato = factories.ActorFactory(name="NATO", slug="nato", kind=Actor.Kind.IGO)
    rutte = factories.ActorFactory(name="Mark Rutte", slug="mark-rutte")
    office = factories.OfficeFactory(title="Secretary General", organisation=nato)
    tenure = factories.TenureFactory(
        actor=rutte, office=office, started_on=datetime.date(2024, 10, 1)
    )
    doe = factories.ActorFactory(name="Dr. Jane Doe", slug="jane-doe")
    factories.ActorAliasFactory(actor=doe, name="Jane Doe")
    iran = factories.PlaceFactory(name="Iran", slug="iran")
    factories.PlaceFactory(name="Brazil", slug="brazil")
    shipping = factories.TopicFactory(name="Maritime security", slug="maritime-security")
    return {"rutte": rutte, "tenure": tenure, "doe": doe, "iran": iran, "topic": shipping}


def test_plain_text_becomes_a_structured_draft(known, editor_user):
    report = import_briefing(PLAIN, by=editor_user)

    briefing = Briefing.objects.get(pk=report.briefing.pk)
    assert briefing.status == Briefing.Status.DRAFT
    assert briefing.title == "Ports under pressure in the Strait of Hormuz"
    assert briefing.standfirst.startswith("Shipping through the strait has fallen by a third")
    assert [h["title"] for h in briefing.body_toc] == ["How the slowdown began", "What comes next"]
    assert "said NATO chief Mark Rutte on Tuesday" in briefing.body  # prose quotes stay
    assert "Insurers now price" not in briefing.body  # the pull quote became a quote
    assert list(briefing.authors.all()) == [editor_user]

    quotes = [link.quote for link in briefing.quote_links.order_by("order")]
    assert [(q.text, q.speaker.name, q.attributed_as) for q in quotes] == [
        ("We will keep the sea lanes open for every flag", "Mark Rutte", "NATO chief"),
        (
            "Our navy protects shipping, it does not threaten it.",
            "Abbas Araghchi",
            "Foreign Minister",
        ),
        (
            "Insurers now price the strait like a war zone.",
            "Dr. Jane Doe",
            "Analyst, Northbridge Institute",
        ),
    ]
    assert quotes[0].tenure == known["tenure"]  # the office held on the date
    assert all(q.verification == Quote.Verification.UNVERIFIED for q in quotes)

    new_speaker = Actor.objects.get(name="Abbas Araghchi")
    assert new_speaker.needs_review
    assert report.new_actors == [new_speaker]
    assert not Actor.objects.filter(needs_review=True).exclude(pk=new_speaker.pk).exists()

    assert [(e.question, e.answer) for e in briefing.faq_entries.order_by("order")] == [
        (
            "Why does the strait matter?",
            "About a fifth of the oil traded by sea passes through it.",
        ),
        (
            "Who protects shipping there?",
            "Several navies run escort missions, each with its own mandate.",
        ),
    ]
    # No front matter: places and topics the text names are matched against existing ones.
    assert list(briefing.places.all()) == [known["iran"]]
    assert list(briefing.topics.all()) == []
    # Mentions and speakers are linked as on any save.
    roles = dict(BriefingActor.objects.filter(briefing=briefing).values_list("actor__name", "role"))
    assert roles["Mark Rutte"] == "quoted" and roles["NATO"] == "mentioned"
    assert report.summary() == (
        "Imported “Ports under pressure in the Strait of Hormuz” as a draft: 2 sections, "
        "3 quotes, 2 FAQ entries, 0 topics, 1 place. 1 new speaker to review. "
        "1 name the knowledge base does not know."
    )
    # Named, not quoted, and unknown: listed for the editor to create, not created.
    assert [(c.name, c.kind) for c in report.candidates] == [
        ("Northbridge Institute", "organisation")
    ]
    assert not Actor.objects.filter(name="Northbridge Institute").exists()


def test_markdown_with_front_matter(known, editor_user):
    editor_user.username = "amina"
    editor_user.save()
    text = """\
---
title: Escorts in the Gulf
type: explainer
topics: [Maritime security, Space weather]
places: Iran
authors: [amina, nobody]
published_at: 2025-06-01T08:00:00Z
---

Navies are escorting tankers again.

## Who escorts whom

> The escorts are a signal as much as a shield.
>
> — Mark Rutte, NATO chief

Escort missions started in May.

## FAQ

### How long will escorts last?

Until insurers return, officials say.
"""
    report = import_briefing(text, by=editor_user)
    briefing = Briefing.objects.get(pk=report.briefing.pk)
    assert (briefing.title, briefing.kind) == ("Escorts in the Gulf", "explainer")
    assert briefing.published_at == datetime.datetime(2025, 6, 1, 8, tzinfo=datetime.UTC)
    assert briefing.status == Briefing.Status.DRAFT
    assert list(briefing.topics.all()) == [known["topic"]]
    assert list(briefing.places.all()) == [known["iran"]]
    assert list(briefing.authors.all()) == [editor_user]
    assert (
        "No topic is called “Space weather”; create it first to use it. Left out."
        in report.warnings
    )
    assert "No user is called “nobody”; not added as an author." in report.warnings
    (quote,) = [link.quote for link in briefing.quote_links.all()]
    assert (quote.speaker, quote.attributed_as) == (known["rutte"], "NATO chief")
    assert quote.tenure == known["tenure"]  # in office on 1 June 2025
    assert briefing.faq_entries.get().question == "How long will escorts last?"


def test_a_stored_quote_is_reused_not_copied(known, editor_user):
    stored = factories.QuoteFactory(
        speaker=known["rutte"], text="We will keep the sea lanes open for every flag."
    )
    report = import_briefing(PLAIN, by=editor_user)
    assert report.quotes[0].existing
    assert report.briefing.quote_links.order_by("order").first().quote == stored
    assert Quote.objects.filter(speaker=known["rutte"]).count() == 1


def test_a_preview_writes_nothing_and_shows_what_would_be_created(known, editor_user):
    before = (Briefing.objects.count(), Quote.objects.count(), Actor.objects.count())
    report = import_briefing(PLAIN, by=editor_user, commit=False)
    assert not report.committed
    assert report.summary().startswith("Would import “Ports under pressure")
    assert [q.speaker.name for q in report.quotes] == [
        "Mark Rutte",
        "Abbas Araghchi",
        "Dr. Jane Doe",
    ]
    assert (Briefing.objects.count(), Quote.objects.count(), Actor.objects.count()) == before


def test_publishing_on_import_needs_an_editor(known, editor_user, contributor):
    report = import_briefing(PLAIN, by=editor_user, publish=True)
    assert report.briefing.is_public
    with pytest.raises(PermissionDenied):
        import_briefing(PLAIN, by=contributor)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (b"", "is empty"),
        ("   \n\n  ", "is empty"),
        (b"%PDF-1.7\x00\x01\x02binary", "looks like a binary file"),
        ("Caf\xe9 society\n\nA paragraph.".encode("latin-1"), "is not UTF-8 text"),
        (b"x" * 500_001, "is 500,001 bytes; a briefing can be at most 500 kB"),
        ("---\ntitle: [unclosed\n---\n\nText.", "front matter"),
        ("---\ntitle: Fine\ntype: poem\n---\n\nA paragraph.", "Unknown type “poem”"),
        ("# Title\n\n## A section\n\nText.", "There is no standfirst"),
    ],
)
def test_bad_input_is_refused_clearly_and_creates_nothing(known, editor_user, source, message):
    before = (Briefing.objects.count(), Quote.objects.count(), Actor.objects.count())
    with pytest.raises(ImportFailed) as failure:
        import_briefing(source, by=editor_user)
    assert message in str(failure.value)
    assert (Briefing.objects.count(), Quote.objects.count(), Actor.objects.count()) == before


def test_a_failure_late_in_the_import_rolls_back_everything(known, editor_user):
    # An unknown type: found when the briefing is made, after the quotes and their new speaker
    # are stored.
    text = f"---\ntype: memo\n---\n\n{PLAIN}"
    before = (Briefing.objects.count(), Quote.objects.count(), Actor.objects.count())
    with pytest.raises(ImportFailed) as failure:
        import_briefing(text, by=editor_user)
    assert "Unknown type “memo”" in str(failure.value)
    # The new speaker and quotes created before the FAQ failed are gone too.
    assert (Briefing.objects.count(), Quote.objects.count(), Actor.objects.count()) == before


def test_a_title_too_long_for_one_is_shortened_and_kept_whole_in_the_body(known, editor_user):
    title = "A very long title " * 15  # 270 characters

    report = import_briefing(f"{title}\n\nA paragraph.\n\nMore text.", by=editor_user)

    briefing = Briefing.objects.get(pk=report.briefing.pk)
    assert len(briefing.title) <= 200 and briefing.title.endswith("title…")
    assert briefing.body.startswith(title.strip())
    assert any("The title is 269 characters long" in warning for warning in report.warnings)


def test_the_demo_round_trips_through_export_and_import(db):
    load_demo_content()
    for original in Briefing.objects.order_by("pk"):
        report = import_briefing(export_markdown(original))
        copy = Briefing.objects.get(pk=report.briefing.pk)
        assert copy.slug == f"{original.slug}-2"
        change = reverse("admin:briefings_briefing_change", args=[original.pk])
        assert report.warnings == [
            f"The address “{original.slug}” is taken; the import uses “{original.slug}-2”.",
            f"A briefing with a very similar title exists: “{original.title}” ({change}). "
            "Check that this is not the same briefing.",
        ]
        for name in ("title", "standfirst", "body", "kind", "published_at", "information_as_of"):
            assert getattr(copy, name) == getattr(original, name), (original.slug, name)
        assert copy.body_html == original.body_html
        for relation in ("topics", "places", "authors"):
            assert set(getattr(copy, relation).all()) == set(getattr(original, relation).all())

        def quotes(briefing):
            return [link.quote for link in briefing.quote_links.order_by("order", "pk")]

        assert quotes(copy) == quotes(original)  # the very same stored quotes
        assert [(e.question, e.answer) for e in copy.faq_entries.order_by("order", "pk")] == [
            (e.question, e.answer) for e in original.faq_entries.order_by("order", "pk")
        ]
        assert report.unclassified == [], original.slug
    assert not Actor.objects.filter(needs_review=True).exists()


def test_the_command_imports_several_files_and_reports_each(known, tmp_path):
    good = tmp_path / "hormuz.txt"
    good.write_text(PLAIN)
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF\x00\x00")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 of 2 files were not imported"):
        call_command("import_briefing", str(good), str(bad), stdout=out, stderr=err)
    assert (
        f"{good}: Imported “Ports under pressure in the Strait of Hormuz” as a draft"
        in out.getvalue()
    )
    assert "Abbas Araghchi (new speaker, marked for review)" in out.getvalue()
    assert f"{bad}: not imported. The input looks like a binary file" in err.getvalue()
    assert Briefing.objects.count() == 1


def test_the_command_publishes_and_dry_runs(known, tmp_path):
    path = tmp_path / "hormuz.md"
    path.write_text(PLAIN)
    out = io.StringIO()
    call_command("import_briefing", str(path), "--dry-run", stdout=out)
    assert "Would import" in out.getvalue()
    assert not Briefing.objects.exists()
    call_command("import_briefing", str(path), "--publish", stdout=io.StringIO())
    assert Briefing.objects.get().is_public


def test_the_command_line_imports_through_the_same_services_as_the_admin(known, tmp_path):
    path = tmp_path / "hormuz.txt"
    path.write_text(PLAIN)
    call_command("import_briefing", str(path), stdout=io.StringIO())

    briefing = Briefing.objects.get()
    # Written by the services, as the operator: nobody is recorded as author or in the history.
    assert list(briefing.authors.all()) == [] and briefing.created_by is None
    for row in [briefing, *briefing.faq_entries.all(), *briefing.quotes.all()]:
        newest = row.history.first()
        assert newest.history_user is None
        assert newest.history_change_reason in {"Imported", "Created by an import"}, row
    speaker = Actor.objects.get(name="Abbas Araghchi")
    assert speaker.needs_review
    assert speaker.history.first().history_change_reason == "Created by an import"


def test_export_then_import_from_the_command_line(db, tmp_path):
    load_demo_content()
    call_command("export_briefing", "deterrence-in-the-taiwan-strait", "--output", str(tmp_path))
    call_command(
        "import_briefing",
        str(tmp_path / "deterrence-in-the-taiwan-strait.md"),
        stdout=io.StringIO(),
    )
    copy = Briefing.objects.get(slug="deterrence-in-the-taiwan-strait-2")
    assert copy.body == Briefing.objects.get(slug="deterrence-in-the-taiwan-strait").body


# The admin page ----------------------------------------------------------------------------


def test_the_admin_previews_a_pasted_briefing_then_imports_it(known, editor_user, client):
    client.force_login(editor_user)
    url = reverse("admin:briefings_briefing_import")
    changelist = client.get(reverse("admin:briefings_briefing_changelist")).content.decode()
    assert f'href="{url}"' in changelist

    preview = client.post(url, {"text": PLAIN, "_preview": "Preview"})
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "Preview: nothing is saved until you press “Import”" in page
    assert "How the slowdown began" in page and "What comes next" in page
    assert "Abbas Araghchi" in page and "new, to review" in page
    assert "Why does the strait matter?" in page
    assert not Briefing.objects.exists()

    confirmed = client.post(
        url, {"text": preview.context["form"]["text"].value(), "_import": "Import"}
    )
    briefing = Briefing.objects.get()
    assert confirmed.status_code == 302
    assert confirmed["Location"] == reverse("admin:briefings_briefing_change", args=[briefing.pk])
    assert briefing.quote_links.count() == 3


def test_the_admin_import_page_shows_field_errors_and_keeps_the_text(known, editor_user, client):
    client.force_login(editor_user)
    url = reverse("admin:briefings_briefing_import")
    response = client.post(url, {"text": "", "_preview": "Preview"})
    assert "Paste the text of a briefing here, or choose a file below." in response.content.decode()
    upload = io.BytesIO("Café\n\nText.".encode("latin-1"))
    upload.name = "notes.txt"
    response = client.post(url, {"file": upload, "_preview": "Preview"})
    assert "“notes.txt” is not UTF-8 text" in response.content.decode()
    assert not Briefing.objects.exists()


def test_only_editors_see_the_import_page(known, contributor, client):
    client.force_login(contributor)
    assert client.get(reverse("admin:briefings_briefing_import")).status_code == 403
    changelist = client.get(reverse("admin:briefings_briefing_changelist")).content.decode()
    assert "Import briefing" not in changelist


def test_new_speakers_wait_on_the_admin_index(known, editor_user, client):
    import_briefing(PLAIN, by=editor_user)
    client.force_login(editor_user)
    page = client.get(reverse("admin:index")).content.decode()
    assert "New actors to review" in page
    assert "1 actor added by contributors or imports, to check and complete" in page
    assert FAQEntry.objects.count() == 2


def test_a_first_paragraph_too_long_for_a_standfirst_is_split_at_a_sentence(known, editor_user):
    sentences = [
        f"Sentence {n} says something about shipping {'and more ' * 25}here." for n in (1, 2, 3)
    ]
    text = f"Long opening\n\n{' '.join(sentences)}\n\nA section\n\nBody text."
    report = import_briefing(text, by=editor_user)
    briefing = Briefing.objects.get(pk=report.briefing.pk)
    assert briefing.standfirst == " ".join(sentences[:2])
    assert briefing.body.startswith(sentences[2])  # nothing lost: the rest opens the body
    assert any("too long for a standfirst" in warning for warning in report.warnings)


def test_the_same_words_quoted_twice_are_one_quote(known, editor_user):
    text = (
        "Twice said\n\nA standfirst.\n\n"
        "“The lanes stay open,” said port chief Ola Berg.\n\n"
        "A week on, “The lanes stay open,” said port chief Ola Berg."
    )
    report = import_briefing(text, by=editor_user)
    assert [q.existing for q in report.quotes] == [False, True]
    assert Quote.objects.filter(speaker__name="Ola Berg").count() == 1
    assert report.briefing.quote_links.count() == 1


def test_an_faq_followed_by_a_long_closing_question_previews_instead_of_failing(editor):
    from tests.briefings.test_import_parse import CLOSING, WITH_CONCLUSION

    report = import_briefing(WITH_CONCLUSION, by=editor, commit=False)

    assert [entry.question for entry in report.faq_entries] == [
        "Who pays for the escorts?",
        "Will premiums fall?",
    ]
    assert CLOSING in report.briefing.body
