"""The texts a fresh install ships with: complete, published, real, and loaded idempotently."""

import re

import pytest
from django.core.management import call_command

from steunpunt.content.models import Audience, AudiencePage, FaqEntry, GlossaryTerm
from steunpunt.content.services import (
    initial_faq,
    initial_glossary,
    initial_pages,
    load_initial_content,
)

pytestmark = pytest.mark.django_db

PLACEHOLDER = re.compile(r"lorem|ipsum|todo|tbd|placeholder|xxx|nog aan te vullen", re.IGNORECASE)

REQUIRED_TERMS = {
    "oao", "sao", "dao", "erkenning", "vestigingsplaats", "trajectbegeleider", "mentor",
    "aanloopfase", "arbeidsrijp", "arbeidsbereid", "finaliteit", "arbeidsmarktfinaliteit",
    "dubbele-finaliteit", "buso", "ov3", "ov4", "pof", "programmatie", "leervergoeding",
    "opleidingsverstrekker", "clw", "syntra", "leertijd", "clb", "opleidingsdagen",
    "beroepskwalificatie", "studiebewijs", "ok2", "ok3", "zevende-leerjaar", "se-n-se",
    "graduaat", "duaal-leren", "stage", "lerende", "onderneming", "sector", "vdab", "steunpunt",
}  # fmt: skip


def test_a_fresh_database_has_the_initial_content(initial_content):
    assert AudiencePage.objects.filter(published=True).count() == 5
    assert set(AudiencePage.objects.values_list("audience", flat=True)) == set(Audience.values)
    assert FaqEntry.objects.filter(published=True).count() >= 25
    assert GlossaryTerm.objects.filter(published=True).count() >= 30
    assert not FaqEntry.objects.filter(published=False).exists()
    assert not GlossaryTerm.objects.filter(published=False).exists()
    assert REQUIRED_TERMS <= set(GlossaryTerm.objects.values_list("slug", flat=True))


def test_every_category_and_audience_has_questions(initial_content):
    assert set(FaqEntry.objects.values_list("category", flat=True)) == set(FaqEntry.Category.values)
    assert set(FaqEntry.objects.values_list("audience", flat=True)) == set(FaqEntry.Audience.values)


def test_the_shipped_files_have_no_placeholder_text():
    texts = []
    for page in initial_pages():
        texts += [page["title"], page["intro"], page["body"], page["meta_description"]]
    texts += [e["question"] + e["answer"] for e in initial_faq()]
    texts += [t["term"] + t.get("expansion", "") + t["definition"] for t in initial_glossary()]
    offending = [text[:60] for text in texts if PLACEHOLDER.search(text) or not text.strip()]
    assert not offending


def test_the_pages_cover_what_the_issue_asks(initial_content):
    bodies = {p.audience: p.body for p in AudiencePage.objects.all()}
    learners = bodies[Audience.LEARNERS_PARENTS]
    assert "Duaal leren is **niet**" in learners and "stap voor stap" in learners
    for kind in ("OAO", "SAO", "DAO"):
        assert kind in learners and kind in bodies[Audience.COMPANIES]
    companies = bodies[Audience.COMPANIES]
    assert "per opleiding" in companies and "per vestigingsplaats" in companies
    assert "5 jaar" in companies and "Wat doet een mentor?" in companies
    for body in bodies.values():
        assert "Steunpunt" in body
    for page in AudiencePage.objects.all():
        assert len(page.meta_description) <= 200


def test_see_also_links_are_set(initial_content):
    oao = GlossaryTerm.objects.get(slug="oao")
    assert set(oao.see_also.values_list("slug", flat=True)) == {"sao", "dao", "leervergoeding"}


def test_loading_again_adds_nothing_and_keeps_a_coordinators_edit(initial_content):
    page = AudiencePage.objects.get(audience=Audience.SCHOOLS)
    page.title = "Voor scholen (aangepast door de coördinator)"
    page.published = False
    page.save()
    question = FaqEntry.objects.get(slug="wat-is-duaal-leren")
    question.answer = "Een eigen antwoord."
    question.save()
    term = GlossaryTerm.objects.get(slug="oao")
    term.definition = "Eigen uitleg."
    term.see_also.clear()
    term.save()
    counts = (AudiencePage.objects.count(), FaqEntry.objects.count(), GlossaryTerm.objects.count())

    report = load_initial_content()
    call_command("load_content", verbosity=0)

    assert (report.pages, report.faq_entries, report.glossary_terms) == (0, 0, 0)
    assert counts == (
        AudiencePage.objects.count(),
        FaqEntry.objects.count(),
        GlossaryTerm.objects.count(),
    )
    page.refresh_from_db()
    assert page.title.endswith("(aangepast door de coördinator)") and not page.published
    assert FaqEntry.objects.get(slug="wat-is-duaal-leren").answer == "Een eigen antwoord."
    term.refresh_from_db()
    assert term.definition == "Eigen uitleg." and not term.see_also.exists()


def test_loading_fills_in_only_what_is_missing(initial_content):
    FaqEntry.objects.filter(slug="kosten").delete()
    GlossaryTerm.objects.filter(slug="stage").delete()
    # A coordinator gave the companies page another slug: no second page for that audience.
    AudiencePage.objects.filter(audience=Audience.COMPANIES).update(slug="werkgevers")

    report = load_initial_content()

    assert (report.pages, report.faq_entries, report.glossary_terms) == (0, 1, 1)
    assert AudiencePage.objects.filter(audience=Audience.COMPANIES).count() == 1
    stage = GlossaryTerm.objects.get(slug="stage")
    assert list(stage.see_also.values_list("slug", flat=True)) == ["duaal-leren"]
