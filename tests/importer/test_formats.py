"""Word documents and saved web pages import through every entry point, like Markdown does."""

import io
import re
import zipfile
from dataclasses import dataclass

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from rest_framework.test import APIClient

from briefings.importer.service import ImportFailed, import_briefing, read_upload
from briefings.models import Briefing
from tests.importer.corpus_counts import _footnote_reference, _footnotes_part


@dataclass
class Article:
    title: str
    standfirst: str
    sections: list
    quote: str
    speaker: str
    author: str = ""
    date: str = ""


HORMUZ = Article(
    title="Tanker rates climb as the Gulf route narrows",
    standfirst="Freight for crude tankers leaving the Gulf has doubled in a month, and charterers "
    "are paying for the risk in advance.",
    sections=["Why rates moved", "Who pays"],
    quote="We price every voyage as if it were the last one through",
    speaker="Mara Lindqvist",
    author="Tomas Erlend",
    date="2025-10-03",
)
CABLES = Article(
    title="Repair ships are the Baltic's weak link",
    standfirst="Only three vessels can mend a cut undersea cable in the Baltic Sea, and each "
    "repair takes weeks.",
    sections=["A thin fleet", "What governments plan"],
    quote="A cable cut in winter can wait a month for calm water",
    speaker="Henrik Saari",
    author="Ana Petrova",
    date="2025-12-01",
)
GRAIN = Article(
    title="Grain convoys test the Black Sea truce",
    standfirst="Bulk carriers have resumed sailing from Odesa under a patchwork of guarantees "
    "that no insurer fully trusts.",
    sections=["The route today", "What could break it"],
    quote="Every convoy is a negotiation with the weather and the war",
    speaker="Olena Marchuk",
    author="David Okafor",
    date="2025-11-18",
)
ARTICLES = [HORMUZ, CABLES, GRAIN]

FILLER = (
    "Brokers in London and Singapore say the change came faster than any model predicted, "
    "and that owners who had hedged their exposure earlier in the year are now the only ones "
    "able to quote a firm price for the coming quarter."
)
CHROME = [
    "Subscribe",
    "cookies",
    "Share on",
    "Related articles",
    "All rights reserved",
    "©",
    "Sign in",
]


# Word documents ------------------------------------------------------------------------------


def _hyperlink(paragraph, text, url):
    rid = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    paragraph._p.append(
        parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}"><w:r><w:t xml:space="preserve">'
            f"{text}</w:t></w:r></w:hyperlink>"
        )
    )


def _footnote(document, paragraph, text):
    """A footnote to `paragraph`: python-docx has no footnote API (corpus_counts builds it)."""
    _footnotes_part(document, [text])
    _footnote_reference(paragraph, 1)


def make_docx(article, quote_style="Quote"):
    document = docx.Document()
    document.add_heading(article.title, 0)
    document.add_paragraph(article.standfirst)
    document.add_heading(article.sections[0], 1)
    paragraph = document.add_paragraph("Rates are ")
    paragraph.add_run("up sharply").bold = True
    paragraph.add_run(" and ")
    paragraph.add_run("still rising").italic = True
    paragraph.add_run(f". {FILLER} See the ")
    _hyperlink(paragraph, "market report", "https://example.org/report")
    paragraph.add_run(".")
    _footnote(document, paragraph, "Figures from the brokers' weekly survey.")
    document.add_paragraph("Longer voyages", style="List Bullet")
    document.add_paragraph("Higher insurance", style="List Bullet")
    document.add_heading(article.sections[1], 1)
    document.add_paragraph(FILLER)
    document.add_paragraph(f"“{article.quote}.”", style=quote_style)
    document.add_paragraph(f"— {article.speaker}, analyst", style=quote_style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# Saved web pages -----------------------------------------------------------------------------


def _article_html(article):
    return f"""
    <h1>{article.title}</h1>
    <p class="byline">By {article.author}</p>
    <p>{article.standfirst}</p>
    <h2>{article.sections[0]}</h2>
    <p>Rates are <strong>up sharply</strong> and <em>still rising</em>. {FILLER}</p>
    <ul><li>Longer voyages</li><li>Higher insurance</li></ul>
    <h2>{article.sections[1]}</h2>
    <p>{FILLER} The <a href="https://example.org/report">market report</a> has the figures.</p>
    <blockquote><p>“{article.quote}.”</p><p>— {article.speaker}, analyst</p></blockquote>
    <p>{FILLER.replace("Brokers", "Traders")}</p>
    """


def _chrome(article_html, head):
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">{head}</head><body>
<header><a class="logo" href="/">The Maritime Review</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/markets">Markets</a></li><li><a href="/subscribe">Subscribe</a></li>
<li><a href="/login">Sign in</a></li></ul></nav></header>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience
and to show you personalised ads.</p><button>Accept all cookies</button></div>
<div class="ad ad-top">Advertisement</div>
<main><article>{article_html}
<div class="share-buttons"><a href="#">Share on X</a> <a href="#">Share on Facebook</a>
<a href="#">Share on LinkedIn</a></div></article>
<aside class="related"><h3>Related articles</h3><ul>
<li><a href="/a">Red Sea escorts return</a></li><li><a href="/b">Suez revenue falls</a></li>
</ul></aside></main>
<footer><p>© 2025 The Maritime Review. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul></footer>
</body></html>"""


def page_with_meta_tags(article):
    head = f"""<title>{article.title} | The Maritime Review</title>
<meta property="og:title" content="{article.title}">
<meta name="author" content="{article.author}">
<meta property="article:published_time" content="{article.date}T08:00:00Z">"""
    return _chrome(_article_html(article), head)


def page_with_json_ld(article):
    head = f"""<title>{article.title} - The Maritime Review</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "{article.title}", "author": {{"@type": "Person", "name": "{article.author}"}},
"datePublished": "{article.date}T06:30:00+00:00"}}</script>"""
    return _chrome(_article_html(article), head)


def page_with_time_element(article):
    head = f"<title>{article.title}</title>"
    body = _article_html(article).replace(
        '<p class="byline">',
        f'<p class="byline"><time datetime="{article.date}">{article.date}</time> ',
    )
    return _chrome(body, head)


PAGES = [
    (HORMUZ, page_with_meta_tags),
    (CABLES, page_with_json_ld),
    (GRAIN, page_with_time_element),
]


def assert_previews_the_article(report, article, *, by_line=True):
    briefing = report.briefing
    assert briefing.title == article.title
    assert briefing.standfirst == article.standfirst
    assert report.sections == article.sections
    assert any(article.quote in quote.text for quote in report.quotes) or (
        article.quote in briefing.body
    )
    assert "**up sharply**" in briefing.body and "*still rising*" in briefing.body
    assert "- Longer voyages\n- Higher insurance" in briefing.body
    assert "[market report](https://example.org/report)" in briefing.body
    for chrome in CHROME:
        assert chrome not in briefing.body, chrome
    assert report.committed is False
    assert not Briefing.objects.exists()


# Through read_upload (the admin's and the API's uploads) ---------------------------------------


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.speaker)
def test_a_word_document_previews_with_its_headings_emphasis_lists_links_quote_and_footnote(
    editor, article
):
    text = read_upload(SimpleUploadedFile("briefing.docx", make_docx(article)))
    report = import_briefing(text, by=editor, commit=False)
    assert_previews_the_article(report, article)
    assert "[^1]" in report.briefing.body
    assert "[^1]: Figures from the brokers' weekly survey." in report.briefing.body


def test_an_intense_quote_in_a_word_document_is_a_block_quote_too(editor):
    text = read_upload(SimpleUploadedFile("b.docx", make_docx(HORMUZ, "Intense Quote")))
    assert f"> “{HORMUZ.quote}.”" in text


@pytest.mark.parametrize(("article", "page"), PAGES, ids=lambda x: getattr(x, "__name__", ""))
def test_a_saved_web_page_previews_its_article_without_the_page_around_it(editor, article, page):
    upload = SimpleUploadedFile("article.html", page(article).encode())
    report = import_briefing(read_upload(upload), by=editor, commit=False)
    assert_previews_the_article(report, article)
    assert report.briefing.published_at.date().isoformat() == article.date
    assert f"No user is called “{article.author}”" in " ".join(report.warnings)


def test_a_web_page_is_recognised_by_its_content_whatever_its_name(editor):
    upload = SimpleUploadedFile("saved page.txt", page_with_meta_tags(HORMUZ).encode())
    assert "We use cookies" not in read_upload(upload)
    word = SimpleUploadedFile("download", make_docx(HORMUZ))
    assert read_upload(word).startswith(f"# {HORMUZ.title}")


# The three entry points ----------------------------------------------------------------------


def test_the_api_imports_an_uploaded_word_document(editor):
    client = APIClient()
    client.force_authenticate(editor)
    upload = SimpleUploadedFile("briefing.docx", make_docx(CABLES))
    response = client.post(
        "/api/v1/import/", {"file": upload, "dry_run": "true"}, format="multipart"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["briefing"]["title"] == CABLES.title
    assert body["briefing"]["sections"] == CABLES.sections


def test_the_api_imports_an_uploaded_web_page(editor):
    client = APIClient()
    client.force_authenticate(editor)
    upload = SimpleUploadedFile("article.html", page_with_json_ld(GRAIN).encode())
    response = client.post("/api/v1/import/", {"file": upload}, format="multipart")
    assert response.status_code == 201, response.content
    briefing = Briefing.objects.get()
    assert briefing.title == GRAIN.title
    assert "cookies" not in briefing.body and "Share on" not in briefing.body


def test_the_admin_previews_an_uploaded_web_page(editor, client):
    client.force_login(editor)
    upload = SimpleUploadedFile("article.html", page_with_meta_tags(HORMUZ).encode())
    response = client.post(
        reverse("admin:briefings_briefing_import"), {"file": upload, "_preview": "Preview"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert HORMUZ.title in page and HORMUZ.sections[1] in page
    text = response.context["form"]["text"].value()
    assert "We use cookies" not in text and "Related articles" not in text
    assert not Briefing.objects.exists()


def test_the_admin_shows_why_a_damaged_word_document_is_refused(editor, client):
    client.force_login(editor)
    upload = SimpleUploadedFile("draft.docx", make_docx(HORMUZ)[:3000])
    response = client.post(
        reverse("admin:briefings_briefing_import"), {"file": upload, "_preview": "Preview"}
    )
    assert "“draft.docx” is not a Word document that can be read" in response.content.decode()


def test_the_command_line_imports_word_documents_and_web_pages(editor, tmp_path):
    (tmp_path / "a.docx").write_bytes(make_docx(GRAIN))
    (tmp_path / "b.html").write_text(page_with_time_element(CABLES))
    out = io.StringIO()
    call_command("import_briefing", str(tmp_path / "a.docx"), str(tmp_path / "b.html"), stdout=out)
    assert f"Imported “{GRAIN.title}”" in out.getvalue()
    assert f"Imported “{CABLES.title}”" in out.getvalue()
    cables = Briefing.objects.get(title=CABLES.title)
    assert "cookies" not in cables.body and "©" not in cables.body


# Refusals ------------------------------------------------------------------------------------


def test_a_damaged_word_document_is_refused_with_its_name(db):
    with pytest.raises(
        ImportFailed, match=re.escape("“notes.docx” is not a Word document that can be read")
    ):
        read_upload(SimpleUploadedFile("notes.docx", make_docx(CABLES)[:2000]))


def test_a_word_document_whose_text_is_not_xml_is_refused(db):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "this is not XML <<<")
    with pytest.raises(
        ImportFailed, match=re.escape("“x.docx” is not a Word document that can be read")
    ):
        read_upload(SimpleUploadedFile("x.docx", buffer.getvalue()))


def test_a_web_page_without_an_article_is_refused(db):
    page = _chrome("", "<title>Home</title>")
    with pytest.raises(ImportFailed, match=re.escape("“home.html” has no article text")):
        read_upload(SimpleUploadedFile("home.html", page.encode()))


def test_an_oversized_word_document_is_refused_before_it_is_converted(settings, editor, tmp_path):
    settings.IMPORT_MAX_BYTES = 5_000
    data = make_docx(HORMUZ)
    with pytest.raises(ImportFailed, match="a briefing can be at most 5 kB"):
        read_upload(SimpleUploadedFile("big.docx", data))
    (tmp_path / "big.docx").write_bytes(data)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_briefing", str(tmp_path / "big.docx"), stderr=err)
    assert "a briefing can be at most 5 kB" in err.getvalue()


def test_a_zip_bomb_is_refused_unread(settings, db):
    settings.IMPORT_MAX_BYTES = 100_000
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * 5_000_000)
    assert len(buffer.getvalue()) < 100_000
    with pytest.raises(ImportFailed, match=re.escape("“bomb.docx” unpacks to 5,000,020 bytes")):
        read_upload(SimpleUploadedFile("bomb.docx", buffer.getvalue()))
