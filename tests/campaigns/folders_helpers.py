"""Shared fixtures and helpers of the parent folder tests (tests/campaigns/test_folders*.py).

`pdf_text` and `pdf_image_count` are tests/pdf_text.py's, named here for the folder tests."""

import io

import pytest
from PIL import Image

from tests.campaigns.factories import CampaignFactory
from tests.factories import (
    MembershipFactory,
    PersonFactory,
    PostcodeFactory,
    ProgrammeFactory,
    ProgrammeOfferFactory,
    SiteFactory,
)
from tests.pdf_text import pdf_image_count, pdf_text  # noqa: F401 (re-exported)


def image_bytes(image_format: str = "PNG", size=(120, 60), color=(27, 74, 133)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=image_format)
    return buffer.getvalue()


@pytest.fixture
def campaign(db):
    return CampaignFactory(
        name="Steek een poot uit",
        slug="steek-een-poot-uit",
        slogan="Duaal leren: steek een poot uit!",
        school_year="2026-2027",
    )


@pytest.fixture
def offer(school):
    """The cast school's offer: two programmes now, one of another year, one stopped."""
    roeselare = PostcodeFactory(code="8800", locality="Roeselare", is_main_locality=True)
    izegem = PostcodeFactory(code="8870", locality="Izegem", is_main_locality=True)
    main_site = SiteFactory(organisation=school, postcode=roeselare)
    second_site = SiteFactory(organisation=school, postcode=izegem, is_main=False)
    electricity = ProgrammeFactory(name="Elektrotechnieken duaal")
    care = ProgrammeFactory(name="Zorgkundige duaal")
    ProgrammeOfferFactory(programme=electricity, site=main_site, school_year="")
    ProgrammeOfferFactory(programme=electricity, site=second_site, school_year="2026-2027")
    ProgrammeOfferFactory(programme=care, site=main_site, school_year="2026-2027")
    ProgrammeOfferFactory(
        programme=ProgrammeFactory(name="Bakker duaal"), site=main_site, school_year="2025-2026"
    )
    ProgrammeOfferFactory(
        programme=ProgrammeFactory(name="Schilder duaal"), site=main_site, active=False
    )
    return [electricity, care]


@pytest.fixture
def contact(school):
    person = PersonFactory(
        first_name="Ine", last_name="Vandamme", email="ine@vti.test", phone="051 22 33 44"
    )
    MembershipFactory(person=person, organisation=school, function="trajectbegeleider")
    return person
