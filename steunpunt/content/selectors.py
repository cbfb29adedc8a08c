"""Reads for the public content pages. Published rows only, unless a preview asks otherwise."""

from django.db.models import Prefetch, Q, QuerySet

from .models import Audience, AudiencePage, FaqEntry, GlossaryTerm


def published_audience_pages() -> QuerySet[AudiencePage]:
    return AudiencePage.objects.filter(published=True).only(
        "slug", "title", "audience", "order", "updated_at"
    )


def find_audience_page(slug: str, *, include_unpublished: bool = False) -> AudiencePage | None:
    """The page with this slug, else the page for the audience of that name (one query)."""
    pages = (
        AudiencePage.objects.all()
        if include_unpublished
        else AudiencePage.objects.filter(published=True)
    )
    matches = list(pages.filter(Q(slug=slug) | Q(audience=slug))[:2])
    for page in matches:
        if page.slug == slug:
            return page
    return matches[0] if matches else None


def parse_audience(value: str | None) -> str | None:
    """A valid `?voor=` value (one of the five audiences), else None."""
    return value if value in Audience.values else None


def faq_by_category(audience: str | None = None) -> list[dict]:
    """Published questions grouped by category, in the order of FaqEntry.Category (one query).

    With an audience: the questions for that audience and those for everyone.
    """
    entries = FaqEntry.objects.filter(published=True)
    if audience:
        entries = entries.filter(audience__in=[audience, FaqEntry.Audience.EVERYONE])
    by_category: dict[str, list[FaqEntry]] = {}
    for entry in entries.order_by("order", "question"):
        by_category.setdefault(entry.category, []).append(entry)
    return [
        {"value": value, "label": label, "entries": by_category[value]}
        for value, label in FaqEntry.Category.choices
        if value in by_category
    ]


def faq_for_audience_page(audience: str) -> QuerySet[FaqEntry]:
    """The questions written for this audience only (the page links to the full list)."""
    return FaqEntry.objects.filter(published=True, audience=audience).order_by(
        "category", "order", "question"
    )


ALPHABET = [chr(code) for code in range(ord("A"), ord("Z") + 1)]


def glossary_index() -> dict:
    """A–Z (plus "0-9" when a term starts with a digit), each letter with its terms.

    Returns {"letters": [{"letter", "anchor", "terms"}, ...], "term_count": n}.
    Two queries: the published terms, and their published "zie ook" terms.
    """
    see_also = Prefetch(
        "see_also", queryset=GlossaryTerm.objects.filter(published=True).only("term", "slug")
    )
    terms = GlossaryTerm.objects.filter(published=True).prefetch_related(see_also)
    by_letter: dict[str, list[GlossaryTerm]] = {}
    for term in terms:
        by_letter.setdefault(term.letter, []).append(term)
    letters = (["#"] if "#" in by_letter else []) + ALPHABET
    index = [
        {
            "letter": "0-9" if letter == "#" else letter,
            "anchor": "letter-0-9" if letter == "#" else f"letter-{letter.lower()}",
            "terms": by_letter.get(letter, []),
        }
        for letter in letters
    ]
    return {"letters": index, "term_count": sum(len(group) for group in by_letter.values())}
