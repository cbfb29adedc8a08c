"""tests/pdf_text.py, the one way the tests read a PDF (pypdf, no poppler on the machine): the
words in the order they are drawn on one line, table cells row by row, hyphenated line breaks
and ligatures read back as typed, and the raster images counted as drawn."""

import io

from PIL import Image
from weasyprint import HTML

from tests.pdf_text import pdf_image_count, pdf_text


def pdf(body: str, css: str = "") -> bytes:
    style = f"@page {{ size: A6; margin: 1cm }} body {{ font-family: sans-serif }} {css}"
    return HTML(string=f"<style>{style}</style>{body}").write_pdf()


def png_data_uri() -> str:
    import base64

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (27, 74, 133)).save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def test_line_breaks_and_spaces_become_one_space_and_words_keep_their_order():
    made = pdf(
        "<h1>Paklijst</h1><p style='width: 3cm'>Achteringang gebruiken,"
        " anders&nbsp;&nbsp;de   voordeur van het gebouw.</p>"
    )
    assert pdf_text(made) == "Paklijst Achteringang gebruiken, anders de voordeur van het gebouw."


def test_a_table_is_read_cell_by_cell_row_after_row():
    made = pdf(
        "<table><tr><th>Cijfer</th><th>Waar</th><th>Aantal</th></tr>"
        "<tr><td>Lopende overeenkomsten</td><td>Kust</td><td>13</td></tr>"
        "<tr><td>Open leerwerkplekken</td><td>Brugge</td><td>4</td></tr></table>"
    )
    assert pdf_text(made) == (
        "Cijfer Waar Aantal Lopende overeenkomsten Kust 13 Open leerwerkplekken Brugge 4"
    )


def test_a_word_broken_after_its_hyphen_is_one_word_again():
    made = pdf("<p style='width: 2.2cm'>Mail duaalleren@west-vlaanderen.be vandaag</p>")
    assert "duaalleren@west-vlaanderen.be" in pdf_text(made)


def test_ligatures_are_spelled_out_and_bytes_or_a_path_give_the_same(tmp_path):
    made = pdf("<p>Een \ufb01jne o\ufb03ciële \ufb02es</p>")  # typed as ligature characters
    path = tmp_path / "ligaturen.pdf"
    path.write_bytes(made)
    assert pdf_text(made) == "Een fijne officiële fles"
    assert pdf_text(path) == pdf_text(str(path)) == pdf_text(made)


def test_pages_follow_each_other():
    made = pdf("<p>Eerste blad</p><p style='break-before: page'>Tweede blad</p>")
    assert pdf_text(made) == "Eerste blad Tweede blad"


def test_images_are_counted_as_drawn_not_as_listed_in_the_page_resources():
    image = png_data_uri()
    assert pdf_image_count(pdf("<p>Geen logo</p>")) == 0
    # WeasyPrint shares one resource dictionary between the pages: the second page lists the
    # logo too, without drawing it.
    one = pdf(f"<img src='{image}'><p style='break-before: page'>Tweede blad</p>")
    assert pdf_image_count(one) == 1
    twice = pdf(f"<img src='{image}'><p style='break-before: page'><img src='{image}'></p>")
    assert pdf_image_count(twice) == 2
