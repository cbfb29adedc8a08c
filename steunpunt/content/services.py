"""Writes for the public content: loading the initial texts shipped in `initial/`.

`load_initial_content` only inserts what is missing (by slug; a page also by audience, a term
also by its name), so a coordinator's edits are never overwritten. It takes the model classes
as arguments so that the data migration can pass its historical models.
"""

from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db import transaction

INITIAL_DIR = Path(__file__).resolve().parent / "initial"


@dataclass
class LoadReport:
    pages: int = 0
    faq_entries: int = 0
    glossary_terms: int = 0

    def __str__(self):
        return (
            f"{self.pages} pagina's, {self.faq_entries} vragen en "
            f"{self.glossary_terms} termen toegevoegd"
        )


def read_front_matter(path: Path) -> tuple[dict, str]:
    """A Markdown file with a YAML header between two `---` lines → (header, body)."""
    text = path.read_text(encoding="utf-8")
    _, header, body = text.split("---\n", 2)
    return yaml.safe_load(header), body.strip() + "\n"


def initial_pages(directory: Path = INITIAL_DIR) -> list[dict]:
    pages = []
    for path in sorted((directory / "pages").glob("*.md")):
        header, body = read_front_matter(path)
        pages.append({**header, "slug": header.get("slug", path.stem), "body": body})
    return pages


def initial_faq(directory: Path = INITIAL_DIR) -> list[dict]:
    return yaml.safe_load((directory / "faq.yaml").read_text(encoding="utf-8"))


def initial_glossary(directory: Path = INITIAL_DIR) -> list[dict]:
    return yaml.safe_load((directory / "glossary.yaml").read_text(encoding="utf-8"))


def _models():
    from .models import AudiencePage, FaqEntry, GlossaryTerm

    return AudiencePage, FaqEntry, GlossaryTerm


@transaction.atomic
def load_initial_content(
    *, page_model=None, faq_model=None, term_model=None, directory: Path = INITIAL_DIR
) -> LoadReport:
    """Insert the shipped pages, questions and terms that are not in the database yet.

    Everything inserted is published. Rows that exist (also when a coordinator changed or
    unpublished them) are left alone. A deleted row comes back on the next load: to hide a
    shipped text, unpublish it instead.
    """
    if page_model is None:
        page_model, faq_model, term_model = _models()
    report = LoadReport()

    existing_slugs = set(page_model.objects.values_list("slug", flat=True))
    existing_audiences = set(page_model.objects.values_list("audience", flat=True))
    for page in initial_pages(directory):
        if page["slug"] in existing_slugs or page["audience"] in existing_audiences:
            continue
        obj = page_model(
            audience=page["audience"],
            slug=page["slug"],
            title=page["title"],
            intro=page["intro"].strip(),
            body=page["body"],
            meta_description=page["meta_description"].strip(),
            order=page.get("order", 0),
            published=True,
        )
        obj.full_clean()
        obj.save()
        report.pages += 1

    existing_slugs = set(faq_model.objects.values_list("slug", flat=True))
    for entry in initial_faq(directory):
        if entry["slug"] in existing_slugs:
            continue
        obj = faq_model(
            slug=entry["slug"],
            question=entry["question"].strip(),
            answer=entry["answer"].strip() + "\n",
            audience=entry["audience"],
            category=entry["category"],
            order=entry.get("order", 0),
            published=True,
        )
        obj.full_clean()
        obj.save()
        report.faq_entries += 1

    existing = {slug: pk for pk, slug in term_model.objects.values_list("pk", "slug")}
    existing_terms = {t.lower() for t in term_model.objects.values_list("term", flat=True)}
    created = {}
    terms = initial_glossary(directory)
    for entry in terms:
        if entry["slug"] in existing or entry["term"].lower() in existing_terms:
            continue
        obj = term_model(
            slug=entry["slug"],
            term=entry["term"],
            expansion=entry.get("expansion", ""),
            definition=entry["definition"].strip() + "\n",
            published=True,
        )
        obj.full_clean(validate_constraints=False)  # the name check is done just above
        obj.save()
        created[obj.slug] = obj
        report.glossary_terms += 1
    # "Zie ook" links only for the terms inserted now; existing terms keep their own links.
    known = {**existing, **{slug: obj.pk for slug, obj in created.items()}}
    for entry in terms:
        obj = created.get(entry["slug"])
        if obj is not None:
            obj.see_also.set([known[s] for s in entry.get("see_also", []) if s in known])
    return report
