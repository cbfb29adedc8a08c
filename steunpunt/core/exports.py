"""Every CSV and XLSX download of the portal: a header and rows in, a file or a response out.

The one place where cells are neutralised (steunpunt.core.spreadsheets.neutralise: a cell a
spreadsheet would run as a formula gets a leading apostrophe), header included, so no export
can forget it. CSV is UTF-8 with a BOM, semicolons and CRLF line ends: what Excel in Belgium
opens correctly. XLSX is one write-only sheet (openpyxl), so a large export stays small in
memory. A feature only says what its columns and rows are:

    return export_response(fmt, header=header(), rows=rows(orders),
                           filename="bestellingen-20261207-0900", sheet_title=_("Bestellingen"))
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

from django.http import Http404, HttpResponse, StreamingHttpResponse

from .spreadsheets import neutralise

__all__ = [
    "CSV_CONTENT_TYPE",
    "FORMATS",
    "XLSX_CONTENT_TYPE",
    "csv_bytes",
    "export_response",
    "stream_csv_response",
    "xlsx_bytes",
]

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
BOM = "\ufeff"
MAX_SHEET_TITLE = 31  # Excel's limit for a sheet's name


def _clean(row: Iterable) -> list:
    return [neutralise(cell) for cell in row]


def _csv_lines(header: Sequence, rows: Iterable[Iterable]) -> Iterator[str]:
    """The CSV text line by line, the BOM in front of the first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    prefix = BOM
    for row in _chain(header, rows):
        writer.writerow(_clean(row))
        yield prefix + buffer.getvalue()
        prefix = ""
        buffer.seek(0)
        buffer.truncate()


def _chain(header: Sequence, rows: Iterable[Iterable]) -> Iterator[Iterable]:
    yield header
    yield from rows


def csv_bytes(header: Sequence, rows: Iterable[Iterable]) -> bytes:
    """The whole CSV file: UTF-8 with BOM, `;` between cells, CRLF after each row."""
    return "".join(_csv_lines(header, rows)).encode("utf-8")


def xlsx_bytes(header: Sequence, rows: Iterable[Iterable], *, sheet_title: str) -> bytes:
    """The whole XLSX file: one sheet named `sheet_title` (cut at Excel's 31 characters)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(sheet_title)[:MAX_SHEET_TITLE])
    for row in _chain(header, rows):
        sheet.append(_clean(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export_response(
    fmt: str,
    *,
    header: Sequence,
    rows: Iterable[Iterable],
    filename: str,
    sheet_title: str = "",
) -> HttpResponse:
    """A download of `fmt` ("csv" or "xlsx"; anything else is a 404) named `filename`.`fmt`.

    `filename` is the name without extension; `sheet_title` names the XLSX sheet."""
    if fmt == "csv":
        response = HttpResponse(csv_bytes(header, rows), content_type=CSV_CONTENT_TYPE)
    elif fmt == "xlsx":
        content = xlsx_bytes(header, rows, sheet_title=sheet_title or filename)
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    else:
        raise Http404("Unknown export format")
    return _attachment(response, f"{filename}.{fmt}")


def stream_csv_response(
    *, header: Sequence, rows: Iterable[Iterable], filename: str
) -> StreamingHttpResponse:
    """The same CSV as `export_response("csv", ...)`, sent row by row while the rows are read
    (for exports too large to build in memory first)."""
    chunks = (line.encode("utf-8") for line in _csv_lines(header, rows))
    response = StreamingHttpResponse(chunks, content_type=CSV_CONTENT_TYPE)
    return _attachment(response, f"{filename}.csv")
