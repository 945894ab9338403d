"""Files: every page is UTF-8 text (a byte order mark and Windows line ends are fine), and not empty.

MkDocs reads pages as strict UTF-8 and stops with a UnicodeDecodeError traceback that names no
file. The build and the lint read each page's bytes here first, so a page saved by an editor
in another encoding gets its file, its line and how to re-save it instead.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable

from course.errors import Problem
from course.source import PageSource
from course.text import normalise_newlines

RESAVE_AS_UTF8 = (
    "re-save the file as UTF-8: in VS Code, click the encoding in the status bar, choose "
    "'Save with Encoding' and 'UTF-8'; in Notepad, 'Save as' with Encoding 'UTF-8'; "
    "or run: iconv -f {encoding} -t UTF-8 FILE > FILE.new && mv FILE.new FILE"
)


def decode(src_path: str, raw: bytes) -> tuple[str, Problem | None]:
    """The page's text (without a UTF-8 byte order mark, line ends as '\\n') and, when the bytes
    are not UTF-8, a problem; the text is then the best guess at what was meant, so the preview
    can still show the page."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _guess(raw, "utf-16"), _not_utf8(src_path, "UTF-16", "UTF-16", 1)
    try:
        return normalise_newlines(raw.decode("utf-8")), None
    except UnicodeDecodeError as error:
        if raw.count(0) > len(raw) // 4:  # UTF-16 without a byte order mark: every other byte is 0
            encoding = "utf-16-le" if raw[1:2] == b"\0" else "utf-16-be"
            return _guess(raw, encoding), _not_utf8(src_path, "UTF-16", "UTF-16", 1)
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start]
        return _guess(raw, "cp1252"), _not_utf8(
            src_path, f"Windows-1252 or Latin-1 (byte 0x{byte:02X} is not UTF-8)", "WINDOWS-1252", line,
        )


def _guess(raw: bytes, encoding: str) -> str:
    return normalise_newlines(raw.decode(encoding, errors="replace").lstrip("\ufeff"))


def _not_utf8(src_path: str, found: str, iconv_name: str, line: int) -> Problem:
    return Problem(
        src_path,
        f"the file is not UTF-8 text: it looks like {found}, and the site reads every page as UTF-8",
        RESAVE_AS_UTF8.format(encoding=iconv_name),
        line=line,
    )


def empty_page(page: PageSource) -> Iterable[Problem]:
    if not page.text.strip():
        yield Problem(
            page.src_path,
            "the file is empty",
            "write the page (start a lesson with 'make lesson'), or delete the file and its line in the mkdocs.yml nav",
            line=1,
        )
