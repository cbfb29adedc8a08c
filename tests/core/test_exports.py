"""steunpunt.core.exports: the one writer of every CSV and XLSX download."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.http import Http404, StreamingHttpResponse
from openpyxl import load_workbook

from steunpunt.core.exports import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    csv_bytes,
    export_response,
    stream_csv_response,
    xlsx_bytes,
)

HEADER = ["Naam", "Aantal", "Opmerkingen"]
HOSTILE = ['=HYPERLINK("http://evil.test")', "+32 470", "-1", "@SUM(A1)", "\tx", "\rx"]


def rows():
    yield ["De Smet, Jan", 3, 'Zegt "ja"; graag']
    yield ["Zoë Ünal", Decimal("2.5"), "twee\nregels"]
    yield [HOSTILE[0], 7, HOSTILE[1]]


def legacy_csv(header, lines) -> bytes:
    """The CSV as the five writers made it before the helper (BOM, `;`, CRLF)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(lines)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_csv_is_what_excel_in_belgium_opens_byte_for_byte_as_before():
    safe = [["De Smet, Jan", 3, 'Zegt "ja"; graag'], ["Zoë Ünal", Decimal("2.5"), "a\nb"]]
    content = csv_bytes(HEADER, safe)
    assert content == legacy_csv(HEADER, safe)
    assert content.startswith("\ufeffNaam;Aantal;Opmerkingen\r\n".encode())
    assert read_csv(content)[1] == ["De Smet, Jan", "3", 'Zegt "ja"; graag']


def test_every_cell_that_looks_like_a_formula_is_neutralised_in_both_formats():
    header = ["=kop", *HEADER[1:]]
    lines = [[value, 1, "gewoon"] for value in HOSTILE]
    table = read_csv(csv_bytes(header, lines))
    assert table[0][0] == "'=kop"
    assert [row[0] for row in table[1:]] == ["'" + value for value in HOSTILE]
    assert [row[2] for row in table[1:]] == ["gewoon"] * len(HOSTILE)

    sheet = load_workbook(io.BytesIO(xlsx_bytes(header, lines, sheet_title="Blad"))).active
    assert sheet.cell(1, 1).value == "'=kop"
    cells = [sheet.cell(r, 1).value for r in range(2, 2 + len(HOSTILE))]
    # (XLSX stores a lone carriage return as a line feed: the apostrophe is what counts.)
    assert [cell.replace("\n", "\r") for cell in cells[-1:]] == ["'\rx"]
    assert cells[:-1] == ["'" + value for value in HOSTILE[:-1]]


def test_neutralising_twice_changes_nothing_more():
    once = read_csv(csv_bytes(HEADER, [["=1+1", 1, ""]]))
    twice = read_csv(csv_bytes(HEADER, [[once[1][0], 1, ""]]))
    assert once[1][0] == twice[1][0] == "'=1+1"


def test_xlsx_keeps_numbers_and_dates_as_values_and_names_its_sheet():
    lines = [["Bakkerij Vermeulen", 2.5, date(2026, 12, 7)]]
    title = "Programmatieaanvragen 2026-2027 van de provincie"
    workbook = load_workbook(io.BytesIO(xlsx_bytes(HEADER, lines, sheet_title=title)))
    sheet = workbook.active
    assert sheet.title == title[:31]
    assert [cell.value for cell in sheet[1]] == HEADER
    assert sheet.cell(2, 2).value == 2.5
    assert sheet.cell(2, 3).value.date() == date(2026, 12, 7)
    assert sheet.max_row == 2


def test_the_response_names_the_file_and_sets_the_content_type():
    csv_response = export_response("csv", header=HEADER, rows=rows(), filename="lijst-2026")
    assert csv_response["Content-Type"] == CSV_CONTENT_TYPE
    assert csv_response["Content-Disposition"] == 'attachment; filename="lijst-2026.csv"'
    table = read_csv(csv_response.content)
    assert table[0] == HEADER and len(table) == 4
    assert table[3] == ["'" + HOSTILE[0], "7", "'" + HOSTILE[1]]

    xlsx_response = export_response(
        "xlsx", header=HEADER, rows=rows(), filename="lijst-2026", sheet_title="Lijst"
    )
    assert xlsx_response["Content-Type"] == XLSX_CONTENT_TYPE
    assert xlsx_response["Content-Disposition"] == 'attachment; filename="lijst-2026.xlsx"'
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    assert sheet.title == "Lijst"
    assert sheet.cell(4, 1).value == "'" + HOSTILE[0]


def test_an_unknown_format_is_a_404():
    with pytest.raises(Http404):
        export_response("pdf", header=HEADER, rows=rows(), filename="lijst")


def test_the_streamed_csv_is_the_same_file_sent_row_by_row():
    response = stream_csv_response(header=HEADER, rows=rows(), filename="groot")
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == CSV_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="groot.csv"'
    chunks = list(response.streaming_content)
    assert len(chunks) == 4  # the header and three rows, each sent on its own
    assert b"".join(chunks) == csv_bytes(HEADER, rows())
