"""Word documents and saved web pages turned into the Markdown the importer reads.

mammoth reads a .docx into HTML, trafilatura takes a web page's article (and its title, author
and date) out of the navigation, banners and share widgets around it, and markdownify writes
either as Markdown; `parse()` then reads that like any Markdown file. Anything else (Markdown,
plain text) is not for this module: `format_of` says None and the caller reads it as text.
"""

import io
import re
import zipfile

import mammoth
import trafilatura
import yaml
from django.conf import settings
from markdownify import MarkdownConverter

from .service import ImportFailed, _too_large

# A .docx is compressed XML: its parts may unpack to this many times the import limit, and no
# more (a ZIP bomb is refused before mammoth reads it). mammoth reads some 2 MB of XML a second;
# Word's XML is about four times the text it holds, and the text must fit the limit anyway.
MAX_UNPACKED_RATIO = 4
# Word's quotation styles, which mammoth leaves as plain paragraphs unless told; the document's
# title style is its first heading.
_DOCX_STYLES = "\n".join(
    [
        "p[style-name='Title'] => h1:fresh",
        "p[style-name='Quote'] => blockquote > p:fresh",
        "p[style-name='Intense Quote'] => blockquote > p:fresh",
    ]
)
# mammoth's footnote (and endnote) anchors: the reference "#footnote-1", the note "footnote-1"
# and its link back "#footnote-ref-1".
_NOTE = re.compile(r"#?(?:footnote|endnote)-(\d+)")
_NOTE_BACK = re.compile(r"#(?:footnote|endnote)-ref-\d+")
# What trafilatura keeps of a page: the article's text with its emphasis and links, no comments
# or images; precision over recall, so that a page without an article yields nothing rather than
# its menus.
_EXTRACTION = {
    "favor_precision": True,
    "include_formatting": True,
    "include_links": True,
    "include_comments": False,
    "include_images": False,
}


def format_of(data: bytes, filename: str) -> str | None:
    """ "docx" or "html" for what this module converts, by content first and extension second;
    None for anything else."""
    if data[:4] == b"PK\x03\x04" and _is_docx(data):
        return "docx"
    start = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n\f").lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    extension = filename.rpartition(".")[2].lower() if "." in filename else ""
    return {"docx": "docx", "html": "html", "htm": "html"}.get(extension)


def to_markdown(data: bytes, filename: str) -> str:
    """The Markdown of a Word document or saved web page (`format_of`), or ImportFailed naming
    the file. A web page's title, author and date become YAML front matter."""
    name = f"“{filename}”"
    if len(data) > settings.IMPORT_MAX_BYTES:
        raise ImportFailed(_too_large(name, len(data)))
    if format_of(data, filename) == "docx":
        return _docx_to_markdown(data, name)
    return _html_to_markdown(data, name)


def _is_docx(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        return False


def _docx_to_markdown(data, name):
    unreadable = f"{name} is not a Word document that can be read (a damaged or unfinished file?). Open it in Word, save it as .docx again and retry."
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # The sizes the archive declares bound what reading it can unpack: zipfile stops
            # at the declared size, whatever the compressed data holds.
            unpacked = sum(part.file_size for part in archive.infolist())
            if "word/document.xml" not in archive.namelist():
                raise ImportFailed(unreadable)
    except zipfile.BadZipFile as error:
        raise ImportFailed(unreadable) from error
    if unpacked > MAX_UNPACKED_RATIO * settings.IMPORT_MAX_BYTES:
        raise ImportFailed(
            f"{name} unpacks to {unpacked:,} bytes, more than a briefing can hold; "
            "it is refused unread. Save the text alone as a new document and retry."
        )
    try:
        html = mammoth.convert_to_html(
            io.BytesIO(data),
            style_map=_DOCX_STYLES,
            # Images are not imported: skip them rather than inline them as data: URLs.
            convert_image=mammoth.images.img_element(lambda image: {}),
        ).value
    except Exception as error:  # mammoth raises whatever its XML and ZIP readers raise
        raise ImportFailed(unreadable) from error
    markdown = _Markdown().convert(html).strip()
    if not markdown:
        raise ImportFailed(f"{name} has no text.")
    return markdown + "\n"


def _html_to_markdown(data, name):
    document = trafilatura.bare_extraction(
        data,
        output_format="python",
        with_metadata=True,
        **_EXTRACTION,
    )
    if document is None or not (document.text or "").strip():
        raise ImportFailed(
            f"{name} has no article text that could be found: save the page with its "
            "article, or paste the article's text instead."
        )
    body = trafilatura.extract(
        data,
        output_format="html",
        **_EXTRACTION,
    )
    markdown = _Markdown().convert(body or "").strip()
    meta = {
        "title": document.title,
        "authors": _authors(document.author),
        "published_at": document.date,
    }
    meta = {key: value for key, value in meta.items() if value}
    front_matter = f"---\n{yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)}---\n\n"
    return (front_matter if meta else "") + markdown + "\n"


def _authors(byline):
    """trafilatura gives several authors as "Jane Roe; John Doe"."""
    return [name.strip() for name in (byline or "").split(";") if name.strip()]


class _Markdown(MarkdownConverter):
    """markdownify with ATX headings, and mammoth's footnotes as Markdown footnotes ("[^1]")."""

    def __init__(self, **options):
        super().__init__(heading_style="ATX", bullets="-", escape_misc=False, **options)

    def convert_a(self, el, text, parent_tags):
        href = el.get("href") or ""
        if _NOTE_BACK.fullmatch(href):
            return ""
        if note := _NOTE.fullmatch(href):
            return f"[^{note[1]}]"
        return super().convert_a(el, text, parent_tags)

    def convert_li(self, el, text, parent_tags):
        if note := _NOTE.fullmatch(el.get("id") or ""):
            return f"\n\n[^{note[1]}]: {' '.join(text.split())}\n\n"
        return super().convert_li(el, text, parent_tags)
