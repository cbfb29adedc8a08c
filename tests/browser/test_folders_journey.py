"""A school contact logs in, fills in the folder, makes it and downloads the PDF: the PDF's text
(read back with pypdf) holds the school's name, its programmes and its contact person.

Celery runs eagerly in tests: the task runs when the request's transaction commits, so after
"Maak mijn folder" the page shows the finished folder (in production it polls with htmx).
"""

import pytest
from playwright.sync_api import expect

from campaigns.models import ParentFolder
from tests.browser.test_selftest import check_page
from tests.campaigns.factories import CampaignFactory
from tests.campaigns.folders_helpers import image_bytes
from tests.factories import (
    MembershipFactory,
    PersonFactory,
    PostcodeFactory,
    ProgrammeFactory,
    ProgrammeOfferFactory,
    SiteFactory,
)
from tests.pdf_text import pdf_text
from tests.plugins.roles import PASSWORD

pytestmark = pytest.mark.browser


def test_a_school_contact_makes_and_downloads_its_parent_folder(
    page, site, school, school_contact, tmp_path
):
    campaign = CampaignFactory(name="Steek een poot uit", slug="steek-een-poot-uit-folder")
    roeselare = PostcodeFactory(code="8800", locality="Roeselare", is_main_locality=True)
    own_site = SiteFactory(organisation=school, postcode=roeselare)
    ProgrammeOfferFactory(programme=ProgrammeFactory(name="Elektrotechnieken duaal"), site=own_site)
    ProgrammeOfferFactory(programme=ProgrammeFactory(name="Autotechnieken duaal"), site=own_site)
    contact = PersonFactory(first_name="Ine", last_name="Vandamme", email="ine@vti.test")
    MembershipFactory(person=contact, organisation=school, function="trajectbegeleider")
    logo = tmp_path / "logo.png"
    logo.write_bytes(image_bytes("PNG"))
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda m: (
            m.type == "error" and "Content Security Policy" in m.text and errors.append(m.text)
        ),
    )

    # Log in with e-mail and password.
    page.goto(f"{site}/account/login/")
    page.locator('input[name="login"]').fill(school_contact.email)
    page.locator('input[name="password"]').fill(PASSWORD)
    page.locator('form button[type="submit"]').first.click()
    page.wait_for_load_state()

    page.goto(f"{site}/campagnes/{campaign.slug}/ouderfolder/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Folder voor de ouders")
    expect(page.get_by_text("Je hebt nog geen folder gemaakt.").first).to_be_visible()
    check_page(page)

    # A wrong file: a Dutch error next to the field.
    wrong = tmp_path / "logo.svg"
    wrong.write_text('<svg xmlns="http://www.w3.org/2000/svg"></svg>')
    page.get_by_label("Logo van de school").set_input_files(wrong)
    page.get_by_role("button", name="Bewaar het logo").click()
    expect(page.get_by_role("alert")).to_contain_text("geen PNG- of JPEG-afbeelding")
    check_page(page)
    page.get_by_label("Logo van de school").set_input_files(logo)
    page.get_by_role("button", name="Bewaar het logo").click()
    expect(page.get_by_text("Het logo is bewaard.")).to_be_visible()

    page.get_by_label("Contactpersoon voor de ouders").select_option(label="Ine Vandamme")
    page.get_by_label("Persoonlijk woordje aan de ouders").fill("Welkom op onze infoavond!")
    page.get_by_role("button", name="Bewaar", exact=True).click()
    expect(page.get_by_text("De gegevens voor de folder zijn bewaard.")).to_be_visible()

    page.get_by_role("button", name="Maak mijn folder").click()
    expect(page.get_by_text("Je folder is klaar en up-to-date.")).to_be_visible()
    check_page(page)
    assert ParentFolder.objects.get().status == ParentFolder.Status.READY

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download je folder (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "ouderfolder-vti-roeselare.pdf"
    path = tmp_path / "folder.pdf"
    download.save_as(path)
    text = pdf_text(path)
    assert "VTI Roeselare" in text
    assert "Elektrotechnieken duaal" in text
    assert "Autotechnieken duaal" in text
    assert "Ine Vandamme" in text
    assert "Welkom op onze infoavond!" in text
    assert not errors, errors
