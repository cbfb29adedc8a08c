"""The text of a PDF for assertions, read with pypdf (pure Python), so the suite needs no
poppler-utils on the machine.

pypdf reads the text in the order it was drawn, not laid out as on paper: a table comes out
cell by cell, row after row, and line breaks fall where WeasyPrint broke the lines. The helper
therefore returns one line: every run of whitespace (line breaks, non-breaking spaces included)
becomes one space, a word broken after its hyphen is joined again, and typographic ligatures
(ﬁ, ﬂ, …) are spelled out, so a test checks the words and their order, never the layout.
"""

import io
import re
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream

__all__ = ["pdf_image_count", "pdf_text"]

LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "ft", "ﬆ": "st", "\xad": ""}
)

# "west-" at the end of a line and "vlaanderen.be" on the next are one word: the hyphen stays
# (poppler dropped it, which turned a UUID or an e-mail address broken over two lines into
# another one).
HYPHEN_AT_LINE_END = re.compile(r"(?<=\w)-[ \t]*\n\s*(?=\w)")


def _reader(pdf: bytes | str | Path) -> PdfReader:
    if isinstance(pdf, bytes | bytearray):
        return PdfReader(io.BytesIO(pdf))
    return PdfReader(Path(pdf))


def pdf_text(pdf: bytes | str | Path) -> str:
    """All pages' text as one line with single spaces (the PDF's bytes or a path to it)."""
    pages = (page.extract_text() for page in _reader(pdf).pages)
    text = "\n".join(pages).translate(LIGATURES)
    text = HYPHEN_AT_LINE_END.sub("-", text)
    return re.sub(r"\s+", " ", text).strip()


def pdf_image_count(pdf: bytes | str | Path) -> int:
    """How many times a raster image is drawn on the PDF's pages, as `pdfimages -list` counts
    them: an image drawn on two pages counts twice, an image that only sits in a page's
    resources (WeasyPrint shares one resource dictionary between all pages) not at all."""
    reader = _reader(pdf)
    return sum(
        _drawn_images(reader, page.get("/Resources"), page.get_contents()) for page in reader.pages
    )


def _drawn_images(reader: PdfReader, resources, content) -> int:
    if content is None:
        return 0
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    xobjects = xobjects.get_object() if xobjects is not None else {}
    count = 0
    for operands, operator in ContentStream(content, reader).operations:
        if operator == b"INLINE IMAGE":
            count += 1
        elif operator == b"Do":
            xobject = xobjects[operands[0]].get_object()
            if xobject["/Subtype"] == "/Image":
                count += 1
            elif xobject["/Subtype"] == "/Form":  # a group of drawings: look inside
                count += _drawn_images(reader, xobject.get("/Resources", resources), xobject)
    return count
