"""What the public shell shows: real content, Dutch error pages, robots and sitemap."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from tests.factories import MembershipFactory, ProgrammeOfferFactory, SiteFactory

pytestmark = pytest.mark.django_db


def test_home_routes_every_audience_and_counts_the_offer(client):
    ProgrammeOfferFactory()
    response = client.get(reverse("core:home"))
    html = response.content.decode()
    assert '<html lang="nl-BE"' in html
    assert 'href="#inhoud"' in html and 'id="inhoud"' in html  # skip link and its target
    for anchor in ("leerlingen", "scholen", "ondernemingen", "partners"):
        assert f'id="{anchor}"' in html
    # The navigation leads each audience to its own page.
    for slug in ("leerlingen-en-ouders", "scholen", "ondernemingen", "partners"):
        assert f'href="/voor/{slug}/"' in html
    assert response.context["key_numbers"] == {"providers": 1, "programmes": 1}
    assert 'property="og:title"' in html and 'name="description"' in html
    # No third-party assets: scripts, styles and images come from our own static files.
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', html)


def test_home_is_cached_for_anonymous_visitors_only(client, school_contact):
    ProgrammeOfferFactory()
    first = client.get(reverse("core:home"))
    ProgrammeOfferFactory()
    assert client.get(reverse("core:home")).content == first.content  # from the cache
    client.force_login(school_contact)
    mine = client.get(reverse("core:home"))
    assert mine.context["key_numbers"]["programmes"] == 2
    assert "csrfmiddlewaretoken" in mine.content.decode()  # the logout form: never cached


def test_privacy_statement_says_there_are_no_tracking_cookies(client):
    html = client.get(reverse("core:privacy")).content.decode()
    assert "geen cookies om je te volgen" in html
    assert "Gegevensbeschermingsautoriteit" in html


def test_accessibility_statement_names_the_standard(client):
    html = client.get(reverse("core:accessibility")).content.decode()
    assert "WCAG 2.1" in html


def test_dutch_404_page(client):
    response = client.get("/deze-pagina-bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet (meer)" in response.content.decode()


def test_dutch_403_page(client, school_contact):
    client.force_login(school_contact)
    response = client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 403
    assert "Je hebt geen toegang tot deze pagina" in response.content.decode()


def test_500_page_renders_without_any_context():
    html = render_to_string("500.html")
    assert "Er ging iets mis" in html
    assert "{%" not in html and "{{" not in html


def test_robots_and_sitemap(client):
    robots = client.get(reverse("core:robots_txt")).content.decode()
    assert "Disallow: /admin/" in robots
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    sitemap = client.get(reverse("sitemap")).content.decode()
    for name in ("core:home", "core:privacy", "core:accessibility"):
        assert f"<loc>http://testserver{reverse(name)}</loc>" in sitemap
    assert "/mijn/" not in sitemap and "/admin/" not in sitemap


def test_favicon_points_at_the_static_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")


def test_my_portal_lists_the_contacts_organisations(client, school_contact, school):
    client.force_login(school_contact)
    response = client.get(reverse("core:my_portal"))
    assert list(response.context["organisations"]) == [school]
    assert school.get_absolute_url() in response.content.decode()
    assert "Doe mee met de campagne" in response.content.decode()


def test_my_portal_leads_coordinators_to_the_campaign_work(client, coordinator, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    client.force_login(coordinator)
    html = client.get(reverse("core:my_portal")).content.decode()
    for name in ("campaigns:campaign_list", "campaigns:staff_order_list", "campaigns:mailing_list"):
        assert f'href="{reverse(name)}"' in html
    assert "Doe mee met de campagne" not in html


def test_organisation_page_shows_sites_offer_and_contacts(
    client, school_contact, school, django_assert_max_num_queries
):
    site = SiteFactory(organisation=school, name="Campus Zuid")
    for _ in range(5):
        ProgrammeOfferFactory(site=site)
    for _ in range(5):
        MembershipFactory(organisation=school)
    client.force_login(school_contact)
    # session + user + groups, organisation, sites (+postcode/municipality/subregion),
    # offers with programmes (prefetch), memberships with persons: bounded by rows, not N.
    with django_assert_max_num_queries(10):
        response = client.get(school.get_absolute_url())
    html = response.content.decode()
    assert "Campus Zuid" in html
    assert html.count("Testopleiding") >= 5
    assert response.context["memberships"].count() == 6


def test_outsider_gets_404_not_a_hint(client, outsider, school):
    client.force_login(outsider)
    response = client.get(school.get_absolute_url())
    assert response.status_code == 404
    assert school.name not in response.content.decode()
