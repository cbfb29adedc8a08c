"""Access matrix: /media/ (steunpunt/core/views/media.py). A private upload is never served
there, whoever asks: only through its own download view (tests/core/test_media_serving.py
covers the public folders and DEBUG)."""

from tests.access.rules import NOT_FOUND, Rule

RULES: dict[str, Rule] = {
    "public_media": Rule(
        NOT_FOUND,
        kwargs=lambda cast: {"path": "pof/requests/onbekend/bijlage.pdf"},
    ),
}
