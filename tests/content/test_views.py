"""The public pages: audience pages (with staff preview), FAQ with its filter, glossary A–Z."""

import re

import pytest
from django.urls import reverse

from steunpunt.content.models import Audience, AudiencePage, FaqEntry, GlossaryTerm

from .factories import AudiencePageFactory, FaqEntryFactory, GlossaryTermFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _start_empty_unless_asked(request):
    if "initial_content" not in request.fixturenames:
        request.getfixturevalue("no_content")


def test_audience_page_shows_body_faq_and_meta(client, initial_content):
    page = AudiencePage.objects.get(audience=Audience.COMPANIES)
    response = client.get(page.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{page.title}</h1>" in html
    assert "<h2>Hoe word je erkend?</h2>" in html  # Markdown rendered
    assert f'<meta name="description"\n              content="{page.meta_description}">' in html
    assert 'property="og:type"' in html and "article" in html
    assert f'content="http://testserver{page.get_absolute_url()}"' in html  # og:url
    # Its own questions, and a link to all questions for this audience.
    assert 'id="vraag-meerdere-vestigingen"' in html
    assert 'id="vraag-kosten"' not in html  # a question for learners and parents
    assert f'href="/veelgestelde-vragen/?voor={Audience.COMPANIES}"' in html


def test_header_links_to_the_audience_pages(client, initial_content):
    html = client.get(reverse("content:audience_page", args=["scholen"])).content.decode()
    for slug in ("leerlingen-en-ouders", "scholen", "ondernemingen", "partners"):
        assert f'href="/voor/{slug}/"' in html
    assert re.search(r'href="/voor/scholen/"\s+aria-current="page"', html)
    assert 'href="/veelgestelde-vragen/"' in html and 'href="/woordenlijst/"' in html  # footer


def test_audience_url_redirects_when_a_coordinator_renamed_the_slug(client, initial_content):
    AudiencePage.objects.filter(audience=Audience.PARTNERS).update(slug="samenwerken")
    response = client.get("/voor/partners/")
    assert response.status_code == 302 and response["Location"] == "/voor/samenwerken/"


def test_markdown_is_sanitised_on_output(client):
    AudiencePageFactory(
        body='Hallo <script>alert("x")</script> [klik](javascript:alert(1)) '
        '<img src=x onerror="alert(2)"> <a href="https://example.org" onclick="x()">ok</a>'
    )
    FaqEntryFactory(audience=Audience.SCHOOLS, answer="<script>alert('faq')</script>Antwoord")
    GlossaryTermFactory(definition="<iframe src='https://evil.example'></iframe>Uitleg")
    pages = [
        client.get(reverse("content:audience_page", args=["scholen"])),
        client.get(reverse("content:faq")),
        client.get(reverse("content:glossary")),
    ]
    for response in pages:
        html = response.content.decode()
        assert "alert(" not in html
        assert "javascript:" not in html and "onerror" not in html and "onclick" not in html
        assert "<iframe" not in html
    assert "Antwoord" in pages[1].content.decode() and "Uitleg" in pages[2].content.decode()


def test_unpublished_page_is_404_for_everyone_but_a_previewing_coordinator(
    client, coordinator, pof_secretary, school_contact
):
    page = AudiencePageFactory(published=False, title="Nog geheim")
    url = page.get_absolute_url()
    assert client.get(url).status_code == 404
    assert client.get(url + "?voorbeeld=1").status_code == 404
    for user in (school_contact, pof_secretary):  # the POF secretariat cannot edit content
        client.force_login(user)
        assert client.get(url + "?voorbeeld=1").status_code == 404
    client.force_login(coordinator)
    assert client.get(url).status_code == 404  # no preview without asking for it
    response = client.get(url + "?voorbeeld=1")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nog geheim" in html and "nog niet gepubliceerd" in html
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-cache" in response["Cache-Control"]


def test_a_logged_in_users_page_is_never_served_to_anonymous_visitors(client, coordinator):
    AudiencePageFactory()
    url = reverse("content:audience_page", args=["scholen"])
    client.force_login(coordinator)
    assert "Afmelden" in client.get(url).content.decode()
    client.logout()
    html = client.get(url).content.decode()
    assert "Afmelden" not in html and "Aanmelden" in html


def test_an_edit_shows_at_once_despite_the_fragment_cache(client):
    page = AudiencePageFactory(body="Eerste versie.")
    url = page.get_absolute_url()
    assert "Eerste versie." in client.get(url).content.decode()
    page.body = "Tweede versie."
    page.save()
    assert "Tweede versie." in client.get(url).content.decode()
    FaqEntryFactory(audience=Audience.SCHOOLS, question="Een nieuwe vraag?")
    assert "Een nieuwe vraag?" in client.get(url).content.decode()


def test_faq_is_grouped_by_category_with_details(client, initial_content):
    html = client.get(reverse("content:faq")).content.decode()
    headings = re.findall(r'<h2 id="categorie-([a-z-]+)">', html)
    assert headings == FaqEntry.Category.values  # in the order of the categories
    assert html.count("<details") == FaqEntry.objects.filter(published=True).count()
    assert "<summary>Wat is duaal leren?</summary>" in html


def test_faq_audience_filter_shows_only_the_right_entries(client):
    FaqEntryFactory(question="Voor iedereen?", audience=FaqEntry.Audience.EVERYONE)
    FaqEntryFactory(question="Voor scholen?", audience=FaqEntry.Audience.SCHOOLS)
    FaqEntryFactory(question="Voor bedrijven?", audience=FaqEntry.Audience.COMPANIES)
    FaqEntryFactory(question="Niet gepubliceerd?", audience=FaqEntry.Audience.SCHOOLS,
                    published=False)  # fmt: skip

    def questions(query=""):
        html = client.get(reverse("content:faq") + query).content.decode()
        return set(re.findall(r"<summary>(.*?)</summary>", html)), html

    everything, html = questions()
    assert everything == {"Voor iedereen?", "Voor scholen?", "Voor bedrijven?"}
    all_link = r'href="/veelgestelde-vragen/"\s+class="faq-filter__link"\s+aria-current'
    assert re.search(all_link, html)
    schools, html = questions("?voor=scholen")
    assert schools == {"Voor iedereen?", "Voor scholen?"}
    assert re.search(r'\?voor=scholen"\s+class="faq-filter__link"\s+aria-current="page"', html)
    assert "<title>Veelgestelde vragen voor Scholen en opleidingsverstrekkers" in html
    assert questions("?voor=ondernemingen")[0] == {"Voor iedereen?", "Voor bedrijven?"}
    assert questions("?voor=onzin")[0] == everything  # an unknown value is ignored


def test_glossary_has_an_a_to_z_index_with_anchors(client, initial_content):
    html = client.get(reverse("content:glossary")).content.decode()
    for term in GlossaryTerm.objects.filter(published=True):
        assert f'id="{term.anchor}"' in html
    assert 'href="#letter-o"' in html and 'id="letter-o"' in html
    assert 'href="#letter-0-9"' in html and 'id="letter-0-9"' in html  # 7de leerjaar
    assert 'href="#letter-q"' not in html  # no term with Q: shown, but not a link
    assert re.search(r'<abbr title="overeenkomst alternerende opleiding">OAO</abbr>', html)
    assert 'href="#term-sao"' in html  # "zie ook"
    # Every anchor in the index points at a heading on the page.
    for anchor in re.findall(r'href="#(letter-[a-z0-9-]+)"', html):
        assert f'id="{anchor}"' in html


def test_glossary_hides_unpublished_terms_also_in_see_also(client):
    hidden = GlossaryTermFactory(term="Geheim woord", slug="geheim", published=False)
    shown = GlossaryTermFactory(term="Zichtbaar woord", slug="zichtbaar")
    shown.see_also.add(hidden)
    html = client.get(reverse("content:glossary")).content.decode()
    assert "Zichtbaar woord" in html and "Geheim woord" not in html and "Zie ook" not in html


def test_query_counts_are_bounded(client, initial_content, django_assert_max_num_queries):
    for _ in range(30):
        FaqEntryFactory(audience=FaqEntry.Audience.SCHOOLS)
        GlossaryTermFactory().see_also.add(GlossaryTerm.objects.get(slug="oao"))
    page_url = reverse("content:audience_page", args=["scholen"])
    # The page (1) and its questions (1) plus the other pages for the side menu (1).
    with django_assert_max_num_queries(3):
        client.get(page_url)
    # The questions, in one query.
    with django_assert_max_num_queries(1):
        client.get(reverse("content:faq") + "?voor=scholen")
    # The terms (1) and their "zie ook" terms (1).
    with django_assert_max_num_queries(2):
        client.get(reverse("content:glossary"))
    # From the fragment cache: only the page itself is read again.
    with django_assert_max_num_queries(1):
        client.get(page_url)
    with django_assert_max_num_queries(0):
        client.get(reverse("content:glossary"))


def test_sitemap_lists_the_content_pages(client, initial_content):
    xml = client.get(reverse("sitemap")).content.decode()
    for page in AudiencePage.objects.all():
        assert f"<loc>http://testserver{page.get_absolute_url()}</loc>" in xml
    assert "<loc>http://testserver/veelgestelde-vragen/</loc>" in xml
    assert "<loc>http://testserver/woordenlijst/</loc>" in xml
    AudiencePage.objects.filter(audience=Audience.ADULTS).update(published=False)
    assert "/voor/volwassenen/" not in client.get(reverse("sitemap")).content.decode()


def test_admin_shows_a_markdown_preview_and_a_preview_link(client, coordinator):
    page = AudiencePageFactory(published=False, body="## Kop\n\n<script>x()</script>Tekst")
    client.force_login(coordinator)
    html = client.get(reverse("admin:content_audiencepage_change", args=[page.pk])).content
    html = html.decode()
    assert '<div class="content-preview"><h2>Kop</h2>' in html
    assert "<script>x()</script>" not in html.split('class="content-preview"')[1][:200]
    assert f'href="{page.get_absolute_url()}?voorbeeld=1"' in html
    listing = client.get(reverse("admin:content_audiencepage_changelist")).content.decode()
    assert 'name="form-0-published"' in listing and 'name="form-0-order"' in listing
