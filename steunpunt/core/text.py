"""Text folding for search that ignores case and accents ("electricien" finds "Électricien")."""

import unicodedata


def fold_for_search(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())
