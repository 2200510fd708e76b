"""What the importer offers an editor to choose, and what their choices do: names the knowledge
base does not know (created only when ticked), stored quotes worded almost the same (reused only
when ticked), titles like a stored briefing's, and places named by their short forms; through the
service, the admin page, the API and the command."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from rapidfuzz import fuzz
from rest_framework.test import APIClient

from briefings.importer.service import SIMILAR_TITLE, import_briefing
from briefings.models import Actor, Briefing, Quote
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/api/v1/import/"
INSTITUTE, KASK = "Baltic Resilience Institute", "Anneli Kask"
STORED_WORDS = "We will keep the sea lanes open for every flag."
RUTTE_SAYS = (
    "“We will keep the sea lanes open to every flag,” said NATO chief Mark Rutte on Tuesday."
)

ARTICLE = f"""\
Repair ships are the Baltic's weak link

Only three vessels can mend a cut undersea cable in the Baltic, the Paris-based Baltic \
Resilience Institute says.

## A thin fleet

In March Dr. Anneli Kask said each repair takes weeks. Kask's team counted the ships. However, \
Margus Tsakhna said Estonia would pay for a fourth, and Hong Kong said it could lend one.

{RUTTE_SAYS}

“A cable cut in winter can wait a month for calm water,” said Henrik Saari, a cable engineer.

## What governments plan

Meanwhile the Baltic Resilience Institute wants a shared fleet. On Tuesday Anneli Kask told \
reporters the plan was late.
"""
RUTTE_LINE = ARTICLE.splitlines().index(RUTTE_SAYS) + 1  # as the importer counts lines


@pytest.fixture
def known(db):
    """A known actor named by an alias, known places, and Mark Rutte with a stored quote."""
    tsahkna = factories.ActorFactory(name="Margus Tsahkna", slug="margus-tsahkna")
    factories.ActorAliasFactory(actor=tsahkna, name="Margus Tsakhna")
    factories.PlaceFactory(name="Estonia", slug="estonia", iso_code="EE", kind="country")
    factories.PlaceFactory(name="Hong Kong", slug="hong-kong", iso_code="HK", kind="territory")
    rutte = factories.ActorFactory(name="Mark Rutte", slug="mark-rutte")
    stored = factories.QuoteFactory(speaker=rutte, text=STORED_WORDS)
    return {"tsahkna": tsahkna, "rutte": rutte, "stored": stored}


def rutte_line(editor):
    """The line a preview gives Mark Rutte's quotation, as an editor reads it off the preview."""
    report = import_briefing(ARTICLE, by=editor, commit=False)
    (line,) = [q.line for q in report.quotes if q.speaker.name == "Mark Rutte"]
    return line


def linked_quotes(briefing):
    return [link.quote for link in briefing.quote_links.order_by("order")]


# Names the knowledge base does not know -------------------------------------------------------


def test_a_preview_lists_only_the_unknown_person_and_organisation_and_creates_neither(
    known, editor
):
    actors = Actor.objects.count()
    report = import_briefing(ARTICLE, by=editor, commit=False)

    # Not the known actor (by its alias), the places, the quoted speakers, "In March",
    # "However", "Meanwhile", "On Tuesday", "Paris-based" or the possessive "Kask's".
    assert [(c.name, c.kind, c.mentions) for c in report.candidates] == [
        (INSTITUTE, "organisation", 2),
        (KASK, "person", 2),
    ]
    assert report.candidates[1].context.startswith("In March Dr. Anneli Kask said")
    assert report.created_actors == []
    assert "2 names the knowledge base does not know" in report.summary()
    assert Actor.objects.count() == actors


def test_an_import_creates_no_candidate_unless_asked(known, editor):
    report = import_briefing(ARTICLE, by=editor)

    assert [c.name for c in report.candidates] == [INSTITUTE, KASK]
    assert all(c.created is None for c in report.candidates)
    assert not Actor.objects.filter(name__in=[INSTITUTE, KASK]).exists()
    # Only the quoted speaker no actor is called waits for review.
    assert list(Actor.objects.filter(needs_review=True).values_list("name", flat=True)) == [
        "Henrik Saari"
    ]


def test_a_chosen_organisation_is_created_awaiting_review(known, editor):
    report = import_briefing(ARTICLE, by=editor, create_actors=[INSTITUTE])

    institute = Actor.objects.get(name=INSTITUTE)
    assert institute.needs_review
    assert institute.kind == Actor.Kind.OTHER
    assert report.created_actors == [institute]
    assert [c.created for c in report.candidates] == [institute, None]
    assert not Actor.objects.filter(name=KASK).exists()
    assert "1 new actor to review" in report.summary()


def test_a_chosen_person_is_created_as_a_person_whatever_the_case_typed(known, editor):
    import_briefing(ARTICLE, by=editor, create_actors=["anneli KASK"])

    kask = Actor.objects.get(name=KASK)  # as the text writes it
    assert kask.kind == Actor.Kind.PERSON and kask.needs_review


@pytest.mark.parametrize("name", ["Northbridge Institute", "Henrik Saari", "Mark Rutte"])
def test_a_name_that_is_not_a_candidate_is_warned_about_and_not_created(known, editor, name):
    actors = set(Actor.objects.values_list("name", flat=True))
    report = import_briefing(ARTICLE, by=editor, create_actors=[name])

    assert report.created_actors == []
    assert any(f"“{name}” is not among the names" in w for w in report.warnings), report.warnings
    # The new speaker, and nothing else, was added.
    assert set(Actor.objects.values_list("name", flat=True)) - actors == {"Henrik Saari"}


def test_a_preview_with_choices_shows_them_and_still_writes_nothing(known, editor):
    counts = (Actor.objects.count(), Quote.objects.count(), Briefing.objects.count())
    line = rutte_line(editor)
    report = import_briefing(
        ARTICLE,
        by=editor,
        commit=False,
        create_actors=[INSTITUTE, KASK],
        reuse_quotes={line: known["stored"].pk},
    )

    assert [c.name for c in report.candidates if c.created] == [INSTITUTE, KASK]
    assert [q.existing for q in report.quotes] == [True, False]
    assert (Actor.objects.count(), Quote.objects.count(), Briefing.objects.count()) == counts


# Stored quotes worded almost the same ---------------------------------------------------------


def test_a_quote_worded_almost_like_a_stored_one_is_offered_and_stored_anew_by_default(
    known, editor
):
    # Another speaker said exactly the imported words: not theirs to offer.
    other = factories.QuoteFactory(text="We will keep the sea lanes open to every flag.")
    report = import_briefing(ARTICLE, by=editor)

    rutte = report.quotes[0]
    assert rutte.speaker == known["rutte"]
    assert rutte.similar == [known["stored"]]
    assert not rutte.existing
    assert "1 quote like one stored already" in report.summary()
    assert Quote.objects.filter(speaker=known["rutte"]).count() == 2
    briefing = Briefing.objects.get(pk=report.briefing.pk)
    assert linked_quotes(briefing)[0] not in (known["stored"], other)
    assert linked_quotes(briefing)[0].text == "We will keep the sea lanes open to every flag"


def test_a_chosen_similar_quote_is_reused_instead_of_stored_again(known, editor):
    line = rutte_line(editor)
    report = import_briefing(ARTICLE, by=editor, reuse_quotes={line: known["stored"].pk})

    assert report.quotes[0].existing
    assert report.quotes[0].quote == known["stored"]
    assert Quote.objects.filter(speaker=known["rutte"]).count() == 1
    briefing = Briefing.objects.get(pk=report.briefing.pk)
    assert linked_quotes(briefing)[0] == known["stored"]
    assert not any("is not a stored quote" in w for w in report.warnings)


def test_reusing_a_quote_that_was_not_offered_is_warned_about_and_stores_the_quotation(
    known, editor
):
    line = rutte_line(editor)
    unrelated = factories.QuoteFactory(text="We will keep the sea lanes open to every flag.")
    report = import_briefing(ARTICLE, by=editor, reuse_quotes={line: unrelated.pk})

    assert any(
        w.startswith(f"Line {line}: quote {unrelated.pk} is not a stored quote by Mark Rutte")
        for w in report.warnings
    ), report.warnings
    assert not report.quotes[0].existing
    assert Quote.objects.filter(speaker=known["rutte"]).count() == 2
    briefing = Briefing.objects.get(pk=report.briefing.pk)
    assert unrelated not in linked_quotes(briefing)


# Titles like a stored briefing's ------------------------------------------------------------


HORMUZ = "Ports under pressure in the Strait of Hormuz"


def titled(title):
    return f"{title}\n\nShipping through the strait has fallen by a third since March.\n"


def test_a_title_almost_like_a_stored_briefings_is_warned_about_with_its_admin_address(editor):
    stored = factories.BriefingFactory(title=HORMUZ)
    nearly = "Ports Under Pressure in the Strait of Hormuz."
    assert fuzz.ratio(HORMUZ.casefold(), nearly.casefold()) >= SIMILAR_TITLE

    report = import_briefing(titled(nearly), by=editor, commit=False)

    change = reverse("admin:briefings_briefing_change", args=[stored.pk])
    assert [w for w in report.warnings if "very similar title" in w] == [
        f"A briefing with a very similar title exists: “{HORMUZ}” ({change}). "
        "Check that this is not the same briefing."
    ]


def test_the_admin_preview_links_the_briefing_with_a_similar_title(editor, client):
    stored = factories.BriefingFactory(title=HORMUZ)
    client.force_login(editor)

    response = client.post(
        reverse("admin:briefings_briefing_import"),
        {"text": titled("Ports Under Pressure in the Strait of Hormuz."), "_preview": "Preview"},
    )

    change = reverse("admin:briefings_briefing_change", args=[stored.pk])
    assert f'<a href="{change}" target="_blank" rel="noopener">{HORMUZ}</a>' in (
        response.content.decode()
    )


def test_a_different_title_is_not_warned_about(editor):
    factories.BriefingFactory(title=HORMUZ)
    report = import_briefing(titled("Grain convoys test the Black Sea truce"), by=editor)
    assert not any("very similar title" in w for w in report.warnings)


# Places by their short forms ----------------------------------------------------------------


@pytest.fixture
def countries(db):
    def country(name, code, aliases=""):
        return factories.PlaceFactory(
            name=name, slug=code.lower(), iso_code=code, aliases=aliases, kind="country"
        )

    return {
        "uk": country("United Kingdom", "GB"),
        "turkey": country("Turkey", "TR"),
        "russia": country("Russia", "RU"),
        "ukraine": country("Ukraine", "UA", aliases="Kiev, Kyiv's"),
    }


def test_places_are_found_by_short_forms_and_aliases_but_not_by_a_capital(countries, editor):
    text = """\
Grain through the straits

The UK's insurers are back in the Black Sea market.

## The route

Türkiye controls the straits. Ships loaded at river ports near Kiev last week. Moscow said \
nothing.
"""
    report = import_briefing(text, by=editor)

    assert report.places == [countries["turkey"], countries["ukraine"], countries["uk"]]
    briefing = Briefing.objects.get(pk=report.briefing.pk)
    assert countries["russia"] not in briefing.places.all()


def test_front_matter_places_are_found_by_their_short_forms(countries, editor):
    text = """\
---
places: [UK, Türkiye]
---
Grain through the straits

Insurers are back in the Black Sea market.
"""
    report = import_briefing(text, by=editor)

    assert report.places == [countries["uk"], countries["turkey"]]
    assert not any("No place is called" in w for w in report.warnings), report.warnings


# The admin page ------------------------------------------------------------------------------


def test_the_admin_preview_offers_candidates_and_similar_quotes_to_tick(known, editor, client):
    client.force_login(editor)
    line = rutte_line(editor)
    response = client.post(
        reverse("admin:briefings_briefing_import"), {"text": ARTICLE, "_preview": "Preview"}
    )
    page = response.content.decode()

    assert response.status_code == 200
    assert "Names the knowledge base does not know (2)" in page
    assert page.count('name="create_actor"') == 2
    for name in (INSTITUTE, KASK):
        assert f'name="create_actor" form="import-form" value="{name}"' in page
    reuse = f'name="reuse_quote" form="import-form" value="{line}:{known["stored"].pk}"'
    assert reuse in page
    assert "Use the stored quote instead: “We will keep the sea lanes open for every flag.”" in page
    assert not Briefing.objects.exists()


def test_the_admin_import_creates_the_ticked_actor_and_reuses_the_ticked_quote(
    known, editor, client
):
    client.force_login(editor)
    line = rutte_line(editor)
    response = client.post(
        reverse("admin:briefings_briefing_import"),
        {
            "text": ARTICLE,
            "create_actor": [INSTITUTE],
            "reuse_quote": [f"{line}:{known['stored'].pk}"],
            "_import": "Import",
        },
    )

    briefing = Briefing.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:briefings_briefing_change", args=[briefing.pk])
    assert Actor.objects.get(name=INSTITUTE).needs_review
    assert not Actor.objects.filter(name=KASK).exists()
    assert linked_quotes(briefing)[0] == known["stored"]
    assert Quote.objects.filter(speaker=known["rutte"]).count() == 1


def test_a_ticked_choice_stays_ticked_when_previewing_again(known, editor, client):
    client.force_login(editor)
    line = rutte_line(editor)
    choice = f"{line}:{known['stored'].pk}"
    response = client.post(
        reverse("admin:briefings_briefing_import"),
        {"text": ARTICLE, "create_actor": [KASK], "reuse_quote": [choice], "_preview": "Preview"},
    )
    page = response.content.decode()

    assert f'value="{KASK}" id="candidate-2" checked' in page
    assert f'value="{INSTITUTE}" id="candidate-1">' in page
    assert "will be created, to review" in page
    assert "(stored already; reused)" in page
    # Still offered, still ticked: "Import" next does what the preview showed.
    assert f'value="{choice}" checked' in page
    assert not Actor.objects.filter(name=KASK).exists()


@pytest.mark.parametrize("button", ["_preview", "_import"])
def test_bogus_choices_posted_to_the_admin_are_ignored_not_a_server_error(
    known, editor, client, button
):
    client.force_login(editor)
    quotes = Quote.objects.count()
    response = client.post(
        reverse("admin:briefings_briefing_import"),
        {
            "text": ARTICLE,
            "create_actor": ["", "   ", "x" * 5000, "<script>alert(1)</script>"],
            "reuse_quote": [
                "x:y",
                ":",
                "7",
                "-7:1",
                "7:-1",
                f"7:{10**30}",
                f"{10**30}:1",
                "7:99999999999999999",
                "٧:١",  # digits, but not ASCII ones
            ],
            button: "Go",
        },
    )

    assert response.status_code == (302 if button == "_import" else 200)
    assert not Actor.objects.filter(name__startswith="x").exists()
    assert not Actor.objects.filter(name__contains="script").exists()
    if button == "_import":
        # The two quotations are stored as new: nothing bogus was reused.
        assert Quote.objects.count() == quotes + 2
    else:
        assert "&lt;script&gt;" in response.content.decode()  # the warning names it, escaped


# The API ------------------------------------------------------------------------------------


@pytest.fixture
def editor_api(editor):
    client = APIClient()
    client.force_authenticate(editor)
    return client


def test_an_api_dry_run_lists_candidates_and_similar_quotes(known, editor_api):
    response = editor_api.post(URL, {"text": ARTICLE, "dry_run": True}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()

    assert [(c["name"], c["kind"], c["mentions"], c["created"]) for c in body["candidates"]] == [
        (INSTITUTE, "organisation", 2, False),
        (KASK, "person", 2, False),
    ]
    rutte, saari = body["quotes"]
    stored = known["stored"]
    assert rutte["similar"] == [
        {"id": stored.pk, "text": stored.text, "said_on": stored.said_on.isoformat()}
    ]
    assert rutte["line"] == RUTTE_LINE
    assert saari["similar"] == []
    assert not Briefing.objects.exists()


def test_an_api_import_creates_the_chosen_actors_and_reuses_the_chosen_quote(
    known, editor_api, editor
):
    line = rutte_line(editor)
    response = editor_api.post(
        URL,
        {
            "text": ARTICLE,
            "create_actors": [INSTITUTE, KASK],
            "reuse_quotes": [{"line": line, "quote": known["stored"].pk}],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()

    assert [c["created"] for c in body["candidates"]] == [True, True]
    # Reused, and still offered: the editor sees what was chosen among what was offered.
    assert body["quotes"][0]["existing"] is True
    assert [q["id"] for q in body["quotes"][0]["similar"]] == [known["stored"].pk]
    assert set(Actor.objects.filter(needs_review=True).values_list("name", flat=True)) == {
        INSTITUTE,
        KASK,
        "Henrik Saari",
    }
    briefing = Briefing.objects.get(pk=body["briefing"]["id"])
    assert linked_quotes(briefing)[0] == known["stored"]
    assert Quote.objects.filter(speaker=known["rutte"]).count() == 1


@pytest.mark.parametrize(
    ("choices", "field"),
    [
        ({"reuse_quotes": ["7:1"]}, "reuse_quotes"),
        ({"reuse_quotes": "7:1"}, "reuse_quotes"),
        ({"reuse_quotes": {"line": 7, "quote": 1}}, "reuse_quotes"),
        ({"reuse_quotes": [{"line": -1, "quote": 1}]}, "reuse_quotes"),
        ({"reuse_quotes": [{"line": 7, "quote": 0}]}, "reuse_quotes"),
        ({"reuse_quotes": [{"line": 7}]}, "reuse_quotes"),
        ({"reuse_quotes": [{"line": "seven", "quote": 1}]}, "reuse_quotes"),
        ({"reuse_quotes": [{"line": 7, "quote": 10**30}]}, "reuse_quotes"),
        ({"reuse_quotes": [None]}, "reuse_quotes"),
        ({"create_actors": INSTITUTE}, "create_actors"),
        ({"create_actors": [{"name": INSTITUTE}]}, "create_actors"),
        ({"create_actors": ["x" * 201]}, "create_actors"),
    ],
)
def test_badly_shaped_choices_are_refused_with_field_errors(known, editor_api, choices, field):
    response = editor_api.post(URL, {"text": ARTICLE, **choices}, format="json")

    assert response.status_code == 400, response.content
    body = response.json()
    assert field in body["errors"], body
    assert not Briefing.objects.exists()


# The command --------------------------------------------------------------------------------


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "cables.md"
    path.write_text(ARTICLE)
    return path


def test_a_command_dry_run_prints_candidates_and_how_to_reuse_a_similar_quote(known, article):
    out = io.StringIO()
    call_command("import_briefing", str(article), "--dry-run", stdout=out)
    printed = out.getvalue()

    pk = known["stored"].pk
    offer = f"like stored quote {pk}: “{STORED_WORDS}” (--reuse-quote {RUTTE_LINE}:{pk} to use it)"
    assert offer in printed
    assert f"not known (organisation): {INSTITUTE} — “Only three vessels" in printed
    assert f"not known (person): {KASK} — “In March Dr. Anneli Kask said" in printed
    assert not Briefing.objects.exists()


def test_the_command_creates_the_named_actor_and_reuses_the_named_quote(known, article):
    pk = known["stored"].pk
    out = io.StringIO()
    call_command(
        "import_briefing",
        str(article),
        "--create-actor",
        INSTITUTE,
        "--reuse-quote",
        f"{RUTTE_LINE}:{pk}",
        stdout=out,
    )

    assert f"not known (organisation): {INSTITUTE} (created, marked for review)" in out.getvalue()
    assert Actor.objects.get(name=INSTITUTE).needs_review
    assert linked_quotes(Briefing.objects.get())[0] == known["stored"]
    assert Quote.objects.filter(speaker=known["rutte"]).count() == 1


@pytest.mark.parametrize("value", ["x", "7", "7:", ":7", "7:x", "-7:1"])
def test_a_malformed_reuse_quote_is_a_clear_command_error(known, article, value):
    with pytest.raises(CommandError, match=r"--reuse-quote: .* is not LINE:ID, e\.g\. 12:345"):
        call_command(
            "import_briefing", str(article), f"--reuse-quote={value}", stdout=io.StringIO()
        )
    assert not Briefing.objects.exists()


def test_choosing_a_quote_stored_word_for_word_already_reuses_it_without_failing(editor, known):
    first = import_briefing(ARTICLE, by=editor)
    new = next(q for q in first.quotes if q.speaker.name == "Mark Rutte").quote
    line = next(q.line for q in first.quotes if q.speaker.name == "Mark Rutte")

    again = import_briefing(ARTICLE, by=editor, reuse_quotes={line: known["stored"].pk})

    # The same words are stored already: that quote is reused, whatever was ticked.
    rutte = next(q for q in again.quotes if q.speaker.name == "Mark Rutte")
    assert rutte.existing and rutte.quote == new


def test_an_actor_created_from_a_candidate_is_known_to_the_next_import(editor, known):
    import_briefing(ARTICLE, by=editor, create_actors=[KASK])

    again = import_briefing(ARTICLE, by=editor, commit=False, create_actors=[KASK])

    assert KASK not in [c.name for c in again.candidates]
    assert Actor.objects.filter(name=KASK).count() == 1


def test_sentence_openers_and_unknown_seas_are_not_taken_for_people(editor):
    text = (
        "Cable repairs\n\nRepair ships are few.\n\nYesterday Liis Tamm said more. Officials "
        "Mari Sepp told reporters. Ships crossed the Baltic Sea, the busiest route.\n"
    )

    report = import_briefing(text, by=editor, commit=False)

    assert [(c.name, c.kind) for c in report.candidates] == [
        ("Liis Tamm", "person"),
        ("Mari Sepp", "person"),
    ]


def test_a_chosen_quote_for_a_line_with_no_quotation_is_warned_about(editor, known):
    report = import_briefing(ARTICLE, by=editor, commit=False, reuse_quotes={1: known["stored"].pk})

    assert (
        f"Line 1: no quotation was read there; the stored quote {known['stored'].pk}"
        in " ".join(report.warnings)
    )


def test_a_pull_quote_is_the_speakers_not_the_organisation_named_in_their_role(editor):
    authority = factories.ActorFactory(name="Panama Canal Authority", slug="panama-canal-authority")
    text = (
        "Water for the canal\n\nThe lake is low.\n\nThe dry season\n\nDraughts are cut.\n\n"
        "“Every ship needs a lake of water to pass.”\n"
        "— Ing. Ricardo Vásquez, Director of Water Projects at the Panama Canal Authority\n\n"
        "More text."
    )

    report = import_briefing(text, by=editor, commit=False)

    (quote,) = report.quotes
    assert quote.speaker != authority
    assert quote.speaker.name == "Ricardo Vásquez" and quote.speaker_is_new
    assert "Panama Canal Authority" in quote.attribution
