"""Text as stored: line breaks as \\n, no control characters, no white space around."""

import re

# Line breaks become \n: Windows' \r\n, old Macs' \r, the vertical tab and form feed that word
# processors put in pasted text for a manual line or page break, and NEL. Unicode's line and
# paragraph separators (U+2028, U+2029) are text, not controls, and are kept as they are.
LINE_BREAKS = "\r\x0b\x0c\x85"
# Dropped: the C0 controls but tab and line breaks, DEL, the C1 controls but NEL (search uses
# \x02 and \x03 to mark its snippets' matches; NUL is refused by PostgreSQL); the bidirectional
# embeddings, overrides and isolates, which make text display in an order other than the one it
# is read and compared in; the byte-order mark; and lone surrogates, which cannot be encoded to
# be stored. Kept: tab (Markdown expands it; a single line turns it into a space), the zero-width
# joiner and non-joiner and the left-to-right and right-to-left marks, which some scripts need.
DROPPED = (
    "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"
    "\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff"
)  # fmt: skip

# Single character classes: linear scans, however hostile the text.
_LINE_BREAK = re.compile(f"[{LINE_BREAKS}]")
_DROPPED = re.compile(f"[{DROPPED}]")
_NEEDS_WORK = re.compile(f"[{LINE_BREAKS}{DROPPED}]")
_NEEDS_WORK_ON_ONE_LINE = re.compile(f"[\t\n{LINE_BREAKS}{DROPPED}]")
_TABS_AND_BREAKS = re.compile("[\t\n]+")


def clean_text(text, *, multiline=True):
    """`text` as stored: line breaks as \\n, without control characters, stripped.

    A single line (`multiline=False`: titles, names) has each run of tabs and line breaks
    replaced by one space. Anything but a string is returned as it is.
    """
    if not isinstance(text, str):
        return text
    if (_NEEDS_WORK if multiline else _NEEDS_WORK_ON_ONE_LINE).search(text):
        text = _LINE_BREAK.sub("\n", text.replace("\r\n", "\n"))
        text = _DROPPED.sub("", text)
        if not multiline:
            text = _TABS_AND_BREAKS.sub(" ", text)
    return text.strip()
