"""Backups (`export_kb`, `import_kb`): a restored knowledge base exports to the same bytes, and a bad file imports nothing."""

import datetime
import io
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import timezone
from knox.models import AuthToken

from briefings import backup
from briefings.corpus import generate_corpus
from briefings.dates import PartialDate
from briefings.demo import load_demo_content
from briefings.markdown import Renderer
from briefings.models import (
    Actor,
    ActorAlias,
    ActorRedirect,
    Briefing,
    BriefingActor,
    FAQEntry,
    Place,
    Quote,
    Source,
    Tenure,
    Topic,
)
from briefings.search import filter_queryset
from tests import factories

User = get_user_model()
UKRAINE = "ukraine-peace-talks-and-the-new-security-landscape"


def export(tmp_path, name="backup.jsonl"):
    """The backup export_kb writes, as bytes."""
    path = tmp_path / name
    call_command("export_kb", str(path), stdout=io.StringIO())
    return path.read_bytes()


def restore(tmp_path, data, name="restore.jsonl"):
    """import_kb on `data`; returns what the command printed."""
    path = tmp_path / name
    path.write_bytes(data)
    out = io.StringIO()
    call_command("import_kb", str(path), stdout=out)
    return out.getvalue()


def empty_the_knowledge_base():
    """What a new database holds: no content and no users (a fresh database, in a test's transaction)."""
    Topic.objects.update(parent=None)  # subtopics protect their parents from deletion
    for model in reversed(backup.content_models()):
        model._base_manager.all().delete()
    User.objects.all().delete()


def stored_rows():
    counts = {model._meta.label: model._base_manager.count() for model in backup.content_models()}
    counts["users"] = User.objects.count()
    return {label: count for label, count in counts.items() if count}


def round_trip(tmp_path):
    """Export, empty the database, import: returns the first export and import_kb's output."""
    first = export(tmp_path, "first.jsonl")
    empty_the_knowledge_base()
    return first, restore(tmp_path, first)


def lines_of(data):
    return [json.loads(line) for line in data.decode().splitlines()]


@pytest.fixture
def demo(db):
    load_demo_content()


@pytest.fixture
def varied_content(db, roles):
    """Everything the demo lacks: users, unicode, drafts, a schedule, editors' choices, forward references."""
    alice = factories.UserFactory(username="alice", first_name="Zoë", last_name="Ångström")
    alice.groups.add(Group.objects.get(name="Editor"))
    bob = factories.UserFactory(username="bob", is_staff=True)
    factories.UserFactory(username="nobody-names-me")
    child = factories.TopicFactory(name="Прекращение огня", slug="ceasefire")
    parent = factories.TopicFactory(name="Security", slug="security", description="*Hard* power")
    child.parent = parent  # a subtopic stored before its parent
    child.save()
    europe = factories.PlaceFactory(name="Europe", slug="europe")
    ukraine = factories.PlaceFactory(name="Україна", slug="ukraine", kind=Place.Kind.COUNTRY)
    ukraine.parents.set([europe])
    zelensky = factories.ActorFactory(
        name="Володимир Зеленський",
        slug="zelensky",
        bio="Born in Kryvyi Rih 🇺🇦.\u2028A line separator, *inside* a paragraph.",
        country=ukraine,
        born_on=datetime.date(1978, 1, 25),
        born_on_precision="month",
    )
    factories.ActorAliasFactory(actor=zelensky, name="Зеленський", kind="native", language="uk")
    ActorRedirect.objects.create(old_slug="zelenskyy", actor=zelensky)
    tenure = factories.TenureFactory(
        actor=zelensky, started_on=datetime.date(2019, 5, 20), note="first term"
    )
    factories.TenureFactory(
        actor=zelensky,
        office=tenure.office,
        started_on=datetime.date(2015, 1, 1),
        ended_on=datetime.date(2019, 5, 20),
    )
    source = factories.SourceFactory(url="https://example.org/привет", published_on=None)
    quote = factories.QuoteFactory(
        speaker=zelensky,
        tenure=tenure,
        text="«Мир — це не капітуляція»",
        said_on=datetime.date(2025, 1, 1),
        said_on_precision="year",
        source=source,
        verification=Quote.Verification.VERIFIED,
        verified_by=bob,
        verified_at=timezone.now(),
    )
    public = factories.BriefingFactory(
        title="Talks in Genève",
        body="## Überblick\n\nZelensky’s plan.\u2028Same paragraph.\n\n## Next\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        created_by=alice,
    )
    public.authors.set([bob, alice])
    public.topics.set([child, parent])
    public.places.set([ukraine, europe])
    public.sources.set([source])
    draft = factories.BriefingFactory(title="Draft", status="draft", published_at=None)
    scheduled = factories.BriefingFactory(
        title="Later", published_at=timezone.now() + datetime.timedelta(days=3)
    )
    public.related.set([scheduled, draft])
    Briefing.objects.filter(pk=public.pk).update(version=4)
    factories.BriefingActorFactory(briefing=public, actor=zelensky, role="subject", curated=True)
    factories.BriefingActorFactory(briefing=draft, actor=zelensky, excluded=True, mention_count=2)
    factories.BriefingQuoteFactory(briefing=public, quote=quote, order=1)
    factories.CorrectionFactory(briefing=public, text="Das Datum war falsch.")
    entry = factories.FAQEntryFactory(briefing=public, answer="Ja — *so*.")
    entry.topics.set([parent, child])
    factories.FAQEntryFactory(briefing=None, question="What is a general question?")
    AuthToken.objects.create(alice)


# The round trip


def test_export_import_export_gives_identical_bytes_on_the_demo_content(demo, tmp_path):
    rows = stored_rows()

    first, _ = round_trip(tmp_path)

    assert export(tmp_path, "second.jsonl") == first
    assert stored_rows() == rows


def test_export_import_export_gives_identical_bytes_on_varied_content(varied_content, tmp_path):
    first, _ = round_trip(tmp_path)

    assert export(tmp_path, "second.jsonl") == first


def test_the_restore_keeps_dates_unicode_and_editors_choices(varied_content, tmp_path):
    created = Briefing.objects.get(slug="talks-in-geneve").created_at

    round_trip(tmp_path)

    zelensky = Actor.objects.get(slug="zelensky")
    assert zelensky.name == "Володимир Зеленський"
    assert zelensky.born == PartialDate(datetime.date(1978, 1, 1), "month")
    assert "\u2028" in zelensky.bio
    assert Quote.objects.get().said == PartialDate(datetime.date(2025, 1, 1), "year")
    briefing = Briefing.objects.get(slug="talks-in-geneve")
    assert briefing.created_at == created
    assert briefing.version == 4
    assert sorted(user.username for user in briefing.authors.all()) == ["alice", "bob"]
    assert briefing.created_by.username == "alice"
    assert BriefingActor.objects.get(briefing=briefing).curated
    assert BriefingActor.objects.get(briefing__slug="draft").excluded
    assert Topic.objects.get(slug="ceasefire").parent.slug == "security"
    assert Briefing.objects.scheduled().get().slug == "later"
    assert Briefing.objects.get(slug="draft").status == "draft"


def test_rendered_markdown_is_recomputed_as_it_was(varied_content, tmp_path):
    derived = {
        "briefing": Briefing.objects.values_list("pk", "body_html", "body_toc"),
        "actor": Actor.objects.values_list("pk", "bio_html"),
        "topic": Topic.objects.values_list("pk", "description_html"),
        "faq": FAQEntry.objects.values_list("pk", "answer_html"),
        "quote": Quote.objects.values_list("pk", "text_normalised"),
    }
    before = {name: sorted(rows) for name, rows in derived.items()}

    round_trip(tmp_path)

    assert {name: sorted(rows) for name, rows in derived.items()} == before


def test_a_hand_edited_row_is_stored_as_a_save_would_store_it(varied_content, tmp_path):
    data, _ = _replace_row(
        export(tmp_path),
        "briefings.quote",
        _with_fields(said_on="2025-06-17", said_on_precision="month", text="  “Peace”  "),
    )
    empty_the_knowledge_base()

    restore(tmp_path, data)

    quote = Quote.objects.get()
    assert quote.said == PartialDate(datetime.date(2025, 6, 1), "month")
    assert (quote.text, quote.text_normalised) == ("“Peace”", "peace")


def test_hand_edited_urls_dates_and_flags_are_stored_as_a_save_would_store_them(
    varied_content, tmp_path
):
    data = export(tmp_path)
    data, _ = _replace_row(
        data, "briefings.source", _with_fields(url="HTTPS://Example.ORG/привет/?utm_source=x#top")
    )
    data, _ = _replace_row(
        data, "briefings.actor", _with_fields(born_on="1949-04-04", born_on_precision="year")
    )
    data, _ = _replace_row(data, "briefings.tenure", _with_fields(single_holder=False))
    empty_the_knowledge_base()

    restore(tmp_path, data)

    assert Source.objects.get().url == "https://example.org/привет"
    assert Actor.objects.order_by("pk").last().born == PartialDate(
        datetime.date(1949, 1, 1), "year"
    )
    # A tenure's flag is its office's, whatever the file says.
    tenure = Tenure.objects.select_related("office").order_by("pk").last()
    assert tenure.single_holder == tenure.office.single_holder is True


def test_a_restored_corpus_has_the_derived_values_the_generator_computed(db, tmp_path):
    generate_corpus(briefings=4, seed=5, now=datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC))
    derived = {
        Actor: ("born_on", "born_on_precision", "died_on", "died_on_precision", "bio_html"),
        Briefing: ("body_html", "body_toc"),
        FAQEntry: ("answer_html",),
        Quote: ("said_on", "said_on_precision", "text_normalised"),
        Source: ("url",),
        Tenure: ("single_holder",),
        Topic: ("description_html",),
    }

    def snapshot():
        return {
            model: list(model.objects.order_by("pk").values_list("pk", *names))
            for model, names in derived.items()
        }

    generated = snapshot()

    round_trip(tmp_path)

    assert snapshot() == generated


def test_each_batch_of_tenures_reads_its_offices_in_one_query(db, django_assert_num_queries):
    actor = factories.ActorFactory()
    offices = [factories.OfficeFactory(single_holder=flag) for flag in (True, False)]
    tenures = [
        Tenure(actor=actor, office_id=office.pk, started_on=datetime.date(2020 + n, 1, 1))
        for n, office in enumerate(offices * 3)
    ]

    with django_assert_num_queries(1):
        backup.prepare_rows(tenures, Renderer())

    assert [tenure.single_holder for tenure in tenures] == [True, False] * 3


def test_the_restored_site_shows_the_same_briefing_page(demo, client, tmp_path):
    url = Briefing.objects.get(slug=UKRAINE).get_absolute_url()
    before = client.get(url)

    round_trip(tmp_path)

    after = client.get(url)
    assert after.status_code == 200
    assert after.content == before.content


def test_new_rows_after_a_restore_take_keys_after_the_restored_ones(varied_content, tmp_path):
    highest = Topic.objects.order_by("-pk").first().pk

    round_trip(tmp_path)

    assert factories.TopicFactory().pk > highest


def test_search_finds_restored_content(demo, tmp_path, postgres_only):
    round_trip(tmp_path)

    assert (
        filter_queryset(Briefing.objects.all(), "security landscape").filter(slug=UKRAINE).exists()
    )
    assert filter_queryset(Actor.objects.all(), "Rutte").exists()


# What a backup holds


def test_the_file_starts_with_a_header_counting_every_model_in_file_order(demo, tmp_path):
    header, *rows = lines_of(export(tmp_path))

    assert header["format"] == "briefings-kb"
    assert header["version"] == 1
    counted = [entry["model"] for entry in header["models"] if entry["rows"]]
    in_file = list(dict.fromkeys(row["model"] for row in rows))
    assert counted == in_file
    assert {entry["model"]: entry["rows"] for entry in header["models"]}["briefings.briefing"] == 7


def test_rows_follow_their_references_and_are_ordered_by_pk(varied_content, tmp_path):
    _, *rows = lines_of(export(tmp_path))

    order = [row["model"] for row in rows]
    assert (
        order.index("auth.user") < order.index("briefings.place") < order.index("briefings.actor")
    )
    assert order.index("briefings.quote") < order.index("briefings.briefingquote")
    actors = [row["pk"] for row in rows if row["model"] == "briefings.actor"]
    assert actors == sorted(actors)
    briefing = next(row for row in rows if row["fields"].get("slug") == "talks-in-geneve")
    assert briefing["fields"]["authors"] == ["alice", "bob"]
    assert briefing["fields"]["places"] == sorted(briefing["fields"]["places"])


def test_unicode_is_written_as_is_and_times_in_utc(varied_content, tmp_path):
    data = export(tmp_path).decode()

    assert "Володимир Зеленський" in data and "🇺🇦" in data
    assert "\u2028" not in data and "\\u2028" in data  # a line break to some readers: escaped
    assert len(data.splitlines()) == data.count("\n")
    assert '"born_on": "1978-01-01"' in data
    published = Briefing.objects.get(slug="talks-in-geneve").published_at
    assert published.astimezone(datetime.UTC).isoformat() in data


def test_derived_fields_and_history_are_left_out(varied_content, tmp_path):
    data = export(tmp_path).decode()

    for name in ("body_html", "body_toc", "bio_html", "answer_html", "description_html"):
        assert f'"{name}"' not in data
    for name in ("text_normalised", "search_vector", "search_head", "search_public_from"):
        assert f'"{name}"' not in data
    assert "historical" not in data


def test_users_are_written_without_passwords_and_tokens_never(varied_content, tmp_path):
    data = export(tmp_path).decode()

    users = [row for row in lines_of(data.encode()) if row.get("model") == "auth.user"]
    assert [user["pk"] for user in users] == ["alice", "bob"]  # only the users content names
    assert users[0]["fields"] == {
        "email": "alice@example.org",
        "first_name": "Zoë",
        "groups": ["Editor"],
        "is_active": True,
        "is_staff": False,
        "last_name": "Ångström",
    }
    assert "pbkdf2" not in data and "password" not in data
    token = AuthToken.objects.get()
    assert token.digest not in data and token.token_key not in data


def test_two_exports_of_the_same_data_are_identical(varied_content, tmp_path):
    assert export(tmp_path, "a.jsonl") == export(tmp_path, "b.jsonl")


def test_export_to_standard_output_writes_the_same_file(varied_content, tmp_path):
    out, err = io.StringIO(), io.StringIO()

    call_command("export_kb", "-", stdout=out, stderr=err)

    assert out.getvalue().encode() == export(tmp_path)
    assert "Exported" in err.getvalue() and "history" in err.getvalue()


# Users


def test_restored_users_get_unusable_passwords_and_their_groups(varied_content, tmp_path):
    _, output = round_trip(tmp_path)

    alice = User.objects.get(username="alice")
    assert not alice.has_usable_password()
    assert [group.name for group in alice.groups.all()] == ["Editor"]
    assert (alice.first_name, alice.email) == ("Zoë", "alice@example.org")
    assert "unusable passwords" in output and "alice, bob" in output
    assert not AuthToken.objects.exists()


def test_an_existing_user_is_matched_by_username_and_left_as_they_are(varied_content, tmp_path):
    first = export(tmp_path)
    empty_the_knowledge_base()
    admin = User.objects.create_superuser("alice", "admin@example.org", "s3cret-enough")

    output = restore(tmp_path, first)

    admin.refresh_from_db()
    assert admin.check_password("s3cret-enough") and admin.is_superuser
    assert admin.email == "admin@example.org"
    assert Briefing.objects.get(slug="talks-in-geneve").created_by == admin
    assert "Matched 1 existing users by username" in output


# What import_kb refuses


def test_import_refuses_a_knowledge_base_that_is_not_empty(varied_content, tmp_path):
    data = export(tmp_path)
    rows = stored_rows()

    with pytest.raises(CommandError, match=r"not empty: it holds .*3 briefings"):
        restore(tmp_path, data)

    assert stored_rows() == rows


def _replace_row(data, model, change):
    """The backup with the last row of `model` changed by `change` (a row → a line); and its line number."""
    lines = data.decode().splitlines(keepends=True)
    number = max(n for n, line in enumerate(lines, start=1) if f'"model": "{model}"' in line)
    lines[number - 1] = change(json.loads(lines[number - 1])) + "\n"
    return "".join(lines).encode(), number


def _with_fields(**fields):
    return lambda row: json.dumps({**row, "fields": {**row["fields"], **fields}})


BAD_LINES = {
    "invalid JSON": ("briefings.actor", lambda row: json.dumps(row)[:-5], "not valid JSON"),
    "an unknown model": (
        "briefings.tenure",
        lambda row: json.dumps({**row, "model": "briefings.nonsense"}),
        "unknown model “briefings.nonsense”",
    ),
    "an unknown field": (
        "briefings.quote",
        _with_fields(colour="red"),
        "unknown field “colour” in briefings.quote",
    ),
    "a value that fails validation": (
        "briefings.briefing",
        _with_fields(kind="gossip"),
        "kind: Value 'gossip' is not a valid choice",
    ),
    "an invalid date": (
        "briefings.source",
        _with_fields(published_on="24/02/2025"),
        "published_on",
    ),
    "a reference to a missing row": (
        "briefings.briefingquote",
        _with_fields(quote=9999),
        "quote: no briefings.quote 9999 earlier in the file",
    ),
    "an unknown user": (
        "briefings.briefing",
        _with_fields(authors=["mallory"]),
        "no user “mallory”",
    ),
    "a row the database refuses": (
        "briefings.actor",
        _with_fields(slug="zelensky"),  # another actor's slug
        "the database refused this briefings.actor",
    ),
}


@pytest.mark.parametrize("problem", BAD_LINES)
def test_a_bad_line_is_named_and_nothing_is_imported(problem, varied_content, tmp_path):
    model, change, message = BAD_LINES[problem]
    data, number = _replace_row(export(tmp_path), model, change)
    empty_the_knowledge_base()

    with pytest.raises(CommandError, match=rf"line {number}: .*{re.escape(message)}") as error:
        restore(tmp_path, data)

    assert "Nothing was imported" in str(error.value)
    assert stored_rows() == {}


def test_a_header_of_another_version_is_refused(varied_content, tmp_path):
    header, _, rest = export(tmp_path).partition(b"\n")
    empty_the_knowledge_base()
    newer = json.dumps({**json.loads(header), "version": 2}).encode()

    with pytest.raises(CommandError, match=r"line 1: .*format version 2.* reads version 1"):
        restore(tmp_path, newer + b"\n" + rest)

    assert stored_rows() == {}


def test_a_file_that_is_not_a_backup_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="line 1: this is not a Briefings backup"):
        restore(tmp_path, b'{"model": "briefings.actor", "pk": 1, "fields": {}}\n')
    with pytest.raises(CommandError, match="the file is empty"):
        restore(tmp_path, b"")


def test_a_truncated_file_is_refused(varied_content, tmp_path):
    data = export(tmp_path)
    empty_the_knowledge_base()
    truncated = data[: data.rstrip(b"\n").rfind(b"\n") + 1]

    with pytest.raises(
        CommandError, match=re.escape("announces 2 rows of briefings.faqentry, the file has 1")
    ):
        restore(tmp_path, truncated)

    assert stored_rows() == {}


def test_every_field_left_out_is_recomputed_on_import():
    """A new computed field must be listed in backup.DERIVED_FIELDS, or it is restored empty."""
    left_out = {
        model._meta.label: sorted(
            f.name
            for f in model._meta.concrete_fields
            if not f.primary_key and f not in backup.Table.of(model).fields
        )
        for model in backup.content_models()
    }

    assert {label: names for label, names in left_out.items() if names} == {
        "briefings.Actor": ["bio_html", "search_vector"],
        "briefings.Briefing": ["body_html", "body_toc", "search_head", "search_vector"],
        "briefings.FAQEntry": ["answer_html", "search_public_from", "search_vector"],
        "briefings.Place": ["search_vector"],
        "briefings.Quote": ["search_public_from", "search_vector", "text_normalised"],
        "briefings.Topic": ["description_html", "search_vector"],
    }
    assert ActorAlias in backup.content_models()
