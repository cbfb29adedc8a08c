"""The fixed cast for permission tests (healthchecks' alice/bob/charlie, per role).

Every role fixture returns a logged-in-able user; `cast` returns them all by name, with
`school` (the school contact's organisation) and `other_school` (the outsider's).
"""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from steunpunt.accounts.roles import Role
from steunpunt.accounts.services import create_portal_user
from tests.factories import (
    CompanyFactory,
    MembershipFactory,
    PartnerFactory,
    PersonFactory,
    SchoolFactory,
    SiteFactory,
)

PASSWORD = "geheim-wachtwoord-123"


def _member(role, email, organisation, function):
    person = PersonFactory(email=email)
    MembershipFactory(person=person, organisation=organisation, function=function)
    return create_portal_user(email=email, role=role, person=person, password=PASSWORD)


def enrol_totp(user) -> str:
    """Staff must have two-factor authentication; returns the TOTP secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


@pytest.fixture
def school(db):
    organisation = SchoolFactory(name="VTI Roeselare")
    SiteFactory(organisation=organisation)
    return organisation


@pytest.fixture
def other_school(db):
    organisation = SchoolFactory(name="Sint-Jozefsinstituut Brugge")
    SiteFactory(organisation=organisation)
    return organisation


@pytest.fixture
def company(db):
    return CompanyFactory(name="Elektro Vanneste BV")


@pytest.fixture
def partner_org(db):
    return PartnerFactory(name="VDAB West-Vlaanderen")


@pytest.fixture
def coordinator(db):
    user = create_portal_user(
        email="coordinator@steunpunt.test",
        role=Role.COORDINATOR,
        password=PASSWORD,
        first_name="Katrien",
        last_name="Coördinator",
    )
    enrol_totp(user)
    return user


@pytest.fixture
def pof_secretary(db):
    user = create_portal_user(
        email="pof@steunpunt.test", role=Role.POF_SECRETARIAT, password=PASSWORD
    )
    enrol_totp(user)
    return user


@pytest.fixture
def school_contact(school):
    return _member(Role.SCHOOL_CONTACT, "school@vti.test", school, "coördinator duaal leren")


@pytest.fixture
def company_contact(company):
    return _member(Role.COMPANY_CONTACT, "mentor@vanneste.test", company, "mentor")


@pytest.fixture
def partner_contact(partner_org):
    return _member(Role.PARTNER_CONTACT, "partner@vdab.test", partner_org, "consulent")


@pytest.fixture
def outsider(other_school):
    """A school contact of another organisation: must never see `school`'s data."""
    return _member(Role.SCHOOL_CONTACT, "school@sji.test", other_school, "directeur")


@pytest.fixture
def cast(
    coordinator,
    pof_secretary,
    school_contact,
    company_contact,
    partner_contact,
    outsider,
    school,
    other_school,
    company,
    partner_org,
):
    return {
        "anonymous": None,
        "coordinator": coordinator,
        "pof_secretary": pof_secretary,
        "school_contact": school_contact,
        "company_contact": company_contact,
        "partner_contact": partner_contact,
        "outsider": outsider,
        "school": school,
        "other_school": other_school,
        "company": company,
        "partner_org": partner_org,
    }
