"""Company pages: my workplaces, create/edit only for a valid recognition, full/reopen/close,
my recognitions with the expiry warning; coordinators act for any company; 404 for others."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from matchmaking.models import Recognition, Workplace
from tests.factories import CompanyFactory, MembershipFactory, PersonFactory, ProgrammeFactory
from tests.matchmaking.factories import (
    AgreementFactory,
    CompanySiteFactory,
    RecognitionFactory,
    WorkplaceFactory,
)
from tests.plugins.roles import PASSWORD

pytestmark = pytest.mark.django_db

LIST = reverse("matchmaking:company_workplaces")
CREATE = reverse("matchmaking:workplace_create")
RECOGNITIONS = reverse("matchmaking:company_recognitions")


def today():
    return timezone.localdate()


@pytest.fixture
def site(company):
    return CompanySiteFactory(organisation=company, street="Industrielaan 7")


@pytest.fixture
def recognition(site):
    return RecognitionFactory(
        site=site, programme=ProgrammeFactory(name="Elektrische installaties duaal")
    )


@pytest.fixture
def other_company_contact():
    from steunpunt.accounts.roles import Role
    from steunpunt.accounts.services import create_portal_user

    other = CompanyFactory(name="Bakkerij Vermeulen")
    person = PersonFactory(email="griet@bakkerij.test")
    MembershipFactory(person=person, organisation=other, function="zaakvoerder")
    user = create_portal_user(
        email="griet@bakkerij.test", role=Role.COMPANY_CONTACT, person=person, password=PASSWORD
    )
    return user, other


def workplace_data(recognition=None, **overrides):
    data = {
        "places": "2",
        "start_date": (today() + timedelta(days=30)).isoformat(),
        "hours_per_week": "24",
        "description": "Kabels trekken en schakelkasten bouwen.",
        "is_public": "on",
    }
    if recognition is not None:
        data["recognition"] = str(recognition.pk)
    data.update(overrides)
    return data


def test_my_workplaces_lists_status_and_free_places(
    client, company_contact, site, django_assert_max_num_queries
):
    workplace = WorkplaceFactory(
        site=site, programme=ProgrammeFactory(name="Kok duaal"), places=3, is_public=False
    )
    AgreementFactory(workplace=workplace)
    WorkplaceFactory(programme=ProgrammeFactory(name="Van een ander bedrijf"))
    client.force_login(company_contact)
    # Session + user + groups (role), the count, one page with free places.
    with django_assert_max_num_queries(8):
        response = client.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mijn leerwerkplekken" in html
    assert "Kok duaal" in html
    assert "2 van 3" in html
    assert "Open" in html
    assert "Van een ander bedrijf" not in html
    assert reverse("matchmaking:workplace_edit", kwargs={"uuid": workplace.uuid}) in html


def test_my_workplaces_empty_state(client, company_contact):
    client.force_login(company_contact)
    html = client.get(LIST).content.decode()
    assert "Er zijn nog geen leerwerkplekken." in html


def test_create_offers_only_valid_recognitions(client, company_contact, site, recognition):
    RecognitionFactory(
        site=site,
        programme=ProgrammeFactory(name="Verlopen opleiding"),
        valid_until=today() - timedelta(days=1),
    )
    RecognitionFactory(
        site=site,
        programme=ProgrammeFactory(name="Aangevraagde opleiding"),
        status=Recognition.Status.REQUESTED,
        valid_from=None,
        valid_until=None,
    )
    RecognitionFactory(programme=ProgrammeFactory(name="Erkenning van een ander"))
    client.force_login(company_contact)
    html = client.get(CREATE).content.decode()
    assert "Elektrische installaties duaal" in html
    for absent in ("Verlopen opleiding", "Aangevraagde opleiding", "Erkenning van een ander"):
        assert absent not in html


def test_create_workplace(client, company_contact, recognition):
    client.force_login(company_contact)
    response = client.post(CREATE, workplace_data(recognition))
    assert response.status_code == 302
    workplace = Workplace.objects.get()
    assert (workplace.site, workplace.programme) == (recognition.site, recognition.programme)
    assert workplace.places == 2 and workplace.is_public
    assert workplace.history.first().history_user == company_contact


def test_create_refuses_a_recognition_of_another_company_keeping_input(
    client, company_contact, recognition
):
    foreign = RecognitionFactory()
    client.force_login(company_contact)
    response = client.post(CREATE, workplace_data(foreign, description="Mijn tekst blijft"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Voor deze vestigingsplaats en opleiding is er geen geldige erkenning." in html
    assert "Mijn tekst blijft" in html
    assert not Workplace.objects.exists()


def test_create_refuses_a_start_after_the_recognition_ends(client, company_contact, recognition):
    recognition.valid_until = today() + timedelta(days=10)
    recognition.save()
    client.force_login(company_contact)
    start = today() + timedelta(days=40)
    response = client.post(CREATE, workplace_data(recognition, start_date=start.isoformat()))
    assert response.status_code == 400
    html = response.content.decode()
    assert f"heeft op {start:%d/%m/%Y} geen geldige erkenning" in html
    assert not Workplace.objects.exists()


def test_create_without_any_recognition_explains(client, company_contact):
    client.force_login(company_contact)
    html = client.get(CREATE).content.decode()
    assert "Er is vandaag geen geldige erkenning." in html


def test_edit_workplace(client, company_contact, site):
    workplace = WorkplaceFactory(site=site, places=1)
    client.force_login(company_contact)
    url = reverse("matchmaking:workplace_edit", kwargs={"uuid": workplace.uuid})
    assert "Industrielaan 7" in client.get(url).content.decode()
    response = client.post(url, workplace_data(places="4", is_public=""))
    assert response.status_code == 302
    workplace.refresh_from_db()
    assert workplace.places == 4 and not workplace.is_public


def test_edit_refuses_bad_input_in_dutch(client, company_contact, site):
    workplace = WorkplaceFactory(site=site)
    client.force_login(company_contact)
    url = reverse("matchmaking:workplace_edit", kwargs={"uuid": workplace.uuid})
    response = client.post(url, workplace_data(hours_per_week="60", description="Blijft staan"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tussen 1 en 40 uur per week." in html
    assert "Blijft staan" in html


def test_another_companys_workplace_is_404(client, site, other_company_contact):
    user, _ = other_company_contact
    workplace = WorkplaceFactory(site=site)
    client.force_login(user)
    assert (
        client.get(
            reverse("matchmaking:workplace_edit", kwargs={"uuid": workplace.uuid})
        ).status_code
        == 404
    )
    move = reverse("matchmaking:workplace_move", kwargs={"uuid": workplace.uuid})
    assert client.post(move, {"action": "close"}).status_code == 404
    workplace.refresh_from_db()
    assert workplace.status == Workplace.Status.OPEN
    assert "Elektro Vanneste" not in client.get(LIST).content.decode()


def test_mark_full_reopen_and_close(client, company_contact, site):
    workplace = WorkplaceFactory(site=site)
    client.force_login(company_contact)
    move = reverse("matchmaking:workplace_move", kwargs={"uuid": workplace.uuid})
    response = client.post(move, {"action": "mark_full"}, follow=True)
    assert "De werkplek staat nu op volzet." in response.content.decode()
    workplace.refresh_from_db()
    assert workplace.status == Workplace.Status.FULL
    client.post(move, {"action": "reopen"})
    workplace.refresh_from_db()
    assert workplace.status == Workplace.Status.OPEN
    client.post(move, {"action": "close"})
    workplace.refresh_from_db()
    assert workplace.status == Workplace.Status.CLOSED
    response = client.post(move, {"action": "close"}, follow=True)
    assert "Deze werkplek is al gesloten." in response.content.decode()
    assert client.post(move, {"action": "delete"}).status_code == 404


def test_reopen_refused_without_a_valid_recognition(client, company_contact, site):
    workplace = WorkplaceFactory(site=site, status=Workplace.Status.CLOSED)
    Recognition.objects.filter(site=site).update(valid_until=today() - timedelta(days=1))
    client.force_login(company_contact)
    move = reverse("matchmaking:workplace_move", kwargs={"uuid": workplace.uuid})
    html = client.post(move, {"action": "reopen"}, follow=True).content.decode()
    assert "geen geldige erkenning" in html
    workplace.refresh_from_db()
    assert workplace.status == Workplace.Status.CLOSED


def test_coordinator_acts_for_a_company(client, coordinator, company, recognition):
    WorkplaceFactory(programme=ProgrammeFactory(name="Van een ander bedrijf"))
    client.force_login(coordinator)
    query = f"?company={company.uuid}"
    html = client.get(LIST + query).content.decode()
    assert "Leerwerkplekken van Elektro Vanneste BV" in html
    assert "Van een ander bedrijf" not in html
    response = client.post(CREATE + query, workplace_data(recognition))
    assert response.status_code == 302
    assert response.url == LIST + query
    assert Workplace.objects.get(site=recognition.site).history.first().history_user == (
        coordinator
    )


def test_company_contact_cannot_act_for_another_company(client, company_contact):
    other = CompanyFactory()
    client.force_login(company_contact)
    assert client.get(f"{LIST}?company={other.uuid}").status_code == 404
    assert client.get(f"{LIST}?company=niet-een-uuid").status_code == 404


def test_my_recognitions_warn_before_they_end(client, company_contact, site, settings):
    settings.MATCHMAKING_RECOGNITION_WARNING_DAYS = 60
    RecognitionFactory(
        site=site,
        programme=ProgrammeFactory(name="Loopt bijna af"),
        reference="ERK-SOON",
        valid_until=today() + timedelta(days=45),
    )
    RecognitionFactory(
        site=site,
        programme=ProgrammeFactory(name="Nog lang geldig"),
        valid_until=today() + timedelta(days=400),
    )
    RecognitionFactory(programme=ProgrammeFactory(name="Van een ander bedrijf"))
    client.force_login(company_contact)
    html = client.get(RECOGNITIONS).content.decode()
    assert "Loopt bijna af" in html and "Nog lang geldig" in html and "ERK-SOON" in html
    assert "Van een ander bedrijf" not in html
    end = today() + timedelta(days=45)
    assert f"Deze erkenning loopt af op {end:%d/%m/%Y}." in html
    assert html.count("Deze erkenning loopt af op") == 1


def test_my_recognitions_empty_state(client, company_contact):
    client.force_login(company_contact)
    html = client.get(RECOGNITIONS).content.decode()
    assert "Er zijn nog geen erkenningen geregistreerd." in html


def test_school_contact_is_refused(client, school_contact):
    client.force_login(school_contact)
    assert client.get(LIST).status_code == 403
    assert client.get(RECOGNITIONS).status_code == 403


def test_coordinator_without_a_company_sees_every_company(client, coordinator, site):
    WorkplaceFactory(site=site, programme=ProgrammeFactory(name="Kok duaal"))
    WorkplaceFactory(
        site=CompanySiteFactory(organisation__name="Hotel Zeezicht"),
        programme=ProgrammeFactory(name="Hotelmedewerker duaal"),
    )
    client.force_login(coordinator)
    html = client.get(LIST).content.decode()
    assert "Leerwerkplekken van alle ondernemingen" in html
    assert "Kok duaal" in html and "Hotelmedewerker duaal" in html


def test_recognitions_page_runs_a_bounded_number_of_queries(
    client, company_contact, site, django_assert_max_num_queries
):
    for n in range(30):
        RecognitionFactory(site=site, programme=ProgrammeFactory(name=f"Opleiding {n:02d}"))
    client.force_login(company_contact)
    # Session + user + groups (role), the user's companies, the count, one page of 25.
    with django_assert_max_num_queries(8):
        html = client.get(RECOGNITIONS).content.decode()
    assert html.count("<tr>") == 26  # the header row + 25
    assert "page=2" in html


def test_status_change_by_a_coordinator_returns_to_that_company(client, coordinator, site):
    workplace = WorkplaceFactory(site=site)
    client.force_login(coordinator)
    move = reverse("matchmaking:workplace_move", kwargs={"uuid": workplace.uuid})
    response = client.post(move, {"action": "mark_full", "company": str(site.organisation.uuid)})
    assert response.url == f"{LIST}?company={site.organisation.uuid}"
    workplace.refresh_from_db()
    assert workplace.status == Workplace.Status.FULL
    assert workplace.history.first().history_user == coordinator
