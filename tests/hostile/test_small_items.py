"""Issue 16's smaller items: secrets in logged query strings, forged cookies against the page cache,
and control characters in stored text."""

import json
import logging

import pytest
from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from briefings.importer.service import import_briefing
from briefings.models import (
    Actor,
    ActorAlias,
    Briefing,
    FAQEntry,
    Office,
    Place,
    Quote,
    Source,
    Topic,
)
from infra.request_log import RequestLoggingMiddleware
from tests import factories
from tests.api.conftest import authenticate
from tests.briefings.test_admin import change_url, form_data

pytestmark = pytest.mark.django_db

# The request log


def logged_query(rf, caplog, url):
    caplog.set_level(logging.INFO, logger="briefings.requests")
    RequestLoggingMiddleware(lambda request: HttpResponse("ok"))(rf.get(url))
    (record,) = [r for r in caplog.records if r.name == "briefings.requests"]
    return record.getMessage().split('query="', 1)[1].split('"', 1)[0]


def test_session_and_csrf_cookies_copied_into_a_query_string_are_masked_in_the_log(rf, caplog):
    query = logged_query(rf, caplog, "/briefings/?sessionid=abc123&csrftoken=def456&page=2")

    assert query == "sessionid=***&csrftoken=***&page=2"
    assert "abc123" not in caplog.text and "def456" not in caplog.text


@override_settings(SESSION_COOKIE_NAME="__Host-sid", CSRF_COOKIE_NAME="xsrf")
def test_the_cookie_names_masked_are_the_ones_the_settings_give_in_any_case(rf, caplog):
    query = logged_query(rf, caplog, "/?__host-SID=abc123&XSRF=def456&q=x")

    assert query == "__host-SID=***&XSRF=***&q=x"


@pytest.mark.parametrize("name", ["session", "SessionKey", "otp", "totp", "pwd", "pass"])
def test_other_secret_bearing_parameters_are_masked(rf, caplog, name):
    assert logged_query(rf, caplog, f"/?{name}=s3cr3t&iso_code=UA") == f"{name}=***&iso_code=UA"


# The page cache


@pytest.fixture
def page_caching():
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield


@pytest.fixture
def briefing(db):
    return factories.BriefingFactory(title="Ceasefire lines", standfirst="Where the lines run.")


def stale_session_key(editor):
    """The session cookie of an editor who has since signed out."""
    other = Client()
    other.force_login(editor)
    key = other.cookies[settings.SESSION_COOKIE_NAME].value
    other.logout()
    return key


@pytest.mark.usefixtures("page_caching")
@pytest.mark.parametrize("cookie", ["garbage", "x" * 32, "signed-out"])
def test_a_session_cookie_naming_no_live_session_gets_the_cached_page(
    client, briefing, editor, cookie
):
    anonymous = client.get(briefing.get_absolute_url())
    if cookie == "signed-out":
        cookie = stale_session_key(editor)
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie

    with CaptureQueriesContext(connection) as queries:
        response = client.get(briefing.get_absolute_url())

    assert response["X-Cache"] == "hit"
    assert response.content == anonymous.content
    assert len(queries) <= 1  # at most one read of the session store, never a render


@pytest.mark.usefixtures("page_caching")
def test_a_signed_in_editor_still_gets_their_own_pages_and_stores_none_of_them(client, editor):
    public = factories.BriefingFactory(title="Ceasefire lines")
    draft = factories.BriefingFactory(
        title="Unfinished draft", status=Briefing.Status.DRAFT, published_at=None
    )
    client.force_login(editor)

    own = client.get(public.get_absolute_url())
    preview = client.get(draft.get_absolute_url())

    assert "X-Cache" not in own and "X-Cache" not in preview
    assert preview.status_code == 200 and "Unfinished draft" in preview.content.decode()
    client.logout()
    assert client.get(public.get_absolute_url())["X-Cache"] == "miss"  # the editor's not stored
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.usefixtures("page_caching")
@pytest.mark.parametrize(
    ("path", "authorization"),
    [
        ("briefing", "Token made-up"),  # the reader reads no Authorization header
        ("briefing", "Basic dXNlcjpwYXNz"),
        ("/api/v1/briefings/", "Basic dXNlcjpwYXNz"),  # a scheme the API does not read
        ("/api/v1/briefings/", "Bearer made-up"),
    ],
)
def test_an_authorization_header_the_site_does_not_read_gets_the_cached_page(
    briefing, path, authorization
):
    url = briefing.get_absolute_url() if path == "briefing" else path
    client = APIClient()
    assert client.get(url)["X-Cache"] == "miss"

    response = client.get(url, HTTP_AUTHORIZATION=authorization)

    assert response["X-Cache"] == "hit"


@pytest.mark.usefixtures("page_caching")
def test_a_made_up_api_token_is_refused_not_served_from_the_cache(briefing):
    APIClient().get("/api/v1/briefings/")

    response = APIClient().get("/api/v1/briefings/", HTTP_AUTHORIZATION="Token made-up")

    assert response.status_code == 401 and "X-Cache" not in response


# Control characters in stored text

HOSTILE = "\x02Kyiv\x03 \x00talks\u202e resume\u2066\x7f\x9b\ufeff"
CLEAN = "Kyiv talks resume"


def test_control_characters_are_stripped_from_every_kind_of_stored_text():
    actor = factories.ActorFactory(name=HOSTILE, short_description=HOSTILE, bio=HOSTILE)
    factories.ActorAliasFactory(actor=actor, name=HOSTILE)
    briefing = factories.BriefingFactory(
        title=HOSTILE, slug="kyiv-talks", standfirst=HOSTILE, body=HOSTILE
    )
    factories.QuoteFactory(speaker=actor, text=HOSTILE, attributed_as=HOSTILE, context=HOSTILE)
    factories.FAQEntryFactory(briefing=briefing, question=HOSTILE, answer=HOSTILE)
    factories.SourceFactory(title=HOSTILE, publisher=HOSTILE)
    factories.TopicFactory(name=HOSTILE, slug="kyiv", description=HOSTILE)
    factories.PlaceFactory(name=HOSTILE, slug="kyiv")
    factories.OfficeFactory(title=HOSTILE, organisation=actor)
    factories.CorrectionFactory(briefing=briefing, text=HOSTILE)

    stored = {
        Actor: ["name", "short_description", "bio"],
        ActorAlias: ["name"],
        Briefing: ["title", "standfirst", "body"],
        Quote: ["text", "attributed_as", "context"],
        FAQEntry: ["question", "answer"],
        Source: ["title", "publisher"],
        Topic: ["name", "description"],
        Place: ["name"],
        Office: ["title"],
    }
    for model, fields in stored.items():
        (row,) = model.objects.values(*fields)
        assert row == dict.fromkeys(fields, CLEAN), model
    assert briefing.corrections.get().text == CLEAN
    assert (briefing.title, briefing.body) == (CLEAN, CLEAN)  # the saved instance too


def test_line_breaks_and_tabs_stay_in_long_text_and_become_spaces_in_a_title():
    briefing = factories.BriefingFactory(
        title="Kyiv\r\n\ttalks", body="## Talks\r\n\r\n\tcode\x0bline\x0cend\x02"
    )

    stored = Briefing.objects.values("title", "body").get(pk=briefing.pk)

    assert stored == {"title": "Kyiv talks", "body": "## Talks\n\n\tcode\nline\nend"}


def test_joiners_and_direction_marks_that_scripts_need_are_kept():
    # Persian with a zero-width non-joiner and a right-to-left mark; an emoji sequence with a ZWJ.
    text = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \u200f(1) \U0001f469\u200d\U0001f52c"
    quote = factories.QuoteFactory(text=text)

    assert Quote.objects.get(pk=quote.pk).text == text


def test_text_with_control_characters_saved_through_the_api_is_stored_without_them(editor):
    draft = factories.BriefingFactory(status=Briefing.Status.DRAFT, published_at=None)
    client = authenticate(APIClient(), editor)
    hostile = HOSTILE.replace("\x00", "")  # refused by the API, as the next test shows

    response = client.patch(
        reverse("api:briefing-detail", args=[draft.pk]),
        {"title": hostile, "standfirst": hostile, "body": hostile},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert (response.json()["title"], response.json()["body"]) == (CLEAN, CLEAN)
    stored = Briefing.objects.values("title", "standfirst", "body", "body_html").get(pk=draft.pk)
    assert stored == {
        "title": CLEAN,
        "standfirst": CLEAN,
        "body": CLEAN,
        "body_html": f"<p>{CLEAN}</p>",
    }


@pytest.mark.parametrize("character", ["\\u0000", "\\ud800"])
def test_a_nul_or_lone_surrogate_sent_to_the_api_is_refused_with_a_message(editor, character):
    draft = factories.BriefingFactory(status=Briefing.Status.DRAFT, published_at=None)
    client = authenticate(APIClient(), editor)

    response = client.patch(
        reverse("api:briefing-detail", args=[draft.pk]),
        f'{{"body": "Kyiv {character}talks"}}',
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "not allowed" in response.json()["errors"]["body"][0]


def test_an_import_with_a_nul_past_the_binary_check_is_stored_without_it(editor):
    filler = "Background. " * 800  # the importer refuses a NUL in the first 8 KB as binary

    import_briefing(
        f"# Kyiv\x03 talks\n\nThey resume.\n\n{filler}\n\nKyiv\x00 talks\x02.\n", by=editor
    )

    briefing = Briefing.objects.get()
    assert briefing.title == "Kyiv talks"
    assert briefing.body.endswith("\n\nKyiv talks.")


def test_a_title_of_nothing_but_control_characters_is_refused_as_blank_by_the_api(editor):
    draft = factories.BriefingFactory(status=Briefing.Status.DRAFT, published_at=None)
    client = authenticate(APIClient(), editor)

    response = client.patch(
        reverse("api:briefing-detail", args=[draft.pk]),
        json.dumps({"title": "\x02\u202e\x03"}),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["errors"]["title"] == ["This field cannot be blank."]
    assert Briefing.objects.get(pk=draft.pk).title == draft.title


def test_text_with_control_characters_saved_in_the_admin_is_stored_without_them(client, editor):
    briefing = factories.BriefingFactory()
    client.force_login(editor)
    data = form_data(client.get(change_url(briefing)))

    response = client.post(change_url(briefing), {**data, "title": HOSTILE, "body": HOSTILE})

    assert response.status_code == 302
    stored = Briefing.objects.values("title", "body").get(pk=briefing.pk)
    assert stored == {"title": CLEAN, "body": CLEAN}


def test_the_admin_refuses_a_title_of_nothing_but_control_characters(client, editor):
    briefing = factories.BriefingFactory()
    client.force_login(editor)
    data = form_data(client.get(change_url(briefing)))

    response = client.post(change_url(briefing), {**data, "title": "\x02\x03"})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["title"] == ["This field is required."]
