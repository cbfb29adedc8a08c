"""Staff pages of events: counts per event, the registrations, raising the capacity (the
waiting list moves up with a mail), cancelling for someone, the export with neutralised cells."""

import csv
import io

import pytest
from django.urls import reverse

from network.models import EventRegistration
from steunpunt.core.models import OutboxMessage
from tests.network.factories import EventFactory, EventRegistrationFactory

pytestmark = pytest.mark.django_db
R = EventRegistration.Status


@pytest.fixture
def staff_client(client, coordinator, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    client.force_login(coordinator)
    return client


@pytest.fixture
def full_event():
    event = EventFactory(title="Netwerkevent 2026", slug="netwerkevent-2026", capacity=2)
    EventRegistrationFactory(event=event, name="An Desmet", organisation="VDAB")
    EventRegistrationFactory(event=event, name="Bert Claeys", dietary_needs="vegetarisch")
    EventRegistrationFactory(event=event, name="Carla Peeters", status=R.WAITLISTED)
    EventRegistrationFactory(event=event, name="Dirk Maes", status=R.WAITLISTED)
    return event


def cells(row: str) -> list[str]:
    return [c.strip() for c in row.replace("<td>", "|").replace("</td>", "").split("|")]


def test_the_list_counts_confirmed_and_waiting(staff_client, full_event):
    EventFactory(title="Infosessie scholen", slug="infosessie-scholen", capacity=None)
    body = staff_client.get(reverse("events:staff_list")).content.decode()
    row = body.split("Netwerkevent 2026</a>")[1].split("</tr>")[0]
    assert [c for c in cells(row) if c][-3:] == ["2", "2", "2"]  # places, confirmed, waiting
    assert "onbeperkt" in body.split("Infosessie scholen</a>")[1].split("</tr>")[0]


def test_the_list_with_a_bounded_number_of_queries(
    staff_client, full_event, django_assert_max_num_queries
):
    for _ in range(30):
        EventRegistrationFactory(event=EventFactory())
    # session, user, groups (role check), count, one page of events with both counts
    with django_assert_max_num_queries(8):
        response = staff_client.get(reverse("events:staff_list"))
    assert response.content.decode().count("/agenda-beheer/") >= 25


def test_the_empty_list_says_where_to_start(staff_client):
    body = staff_client.get(reverse("events:staff_list")).content.decode()
    assert "Er is nog geen activiteit." in body


def test_the_registrations_show_name_organisation_needs_and_status(staff_client, full_event):
    url = reverse("events:staff_registrations", args=[full_event.slug])
    body = staff_client.get(url).content.decode()
    assert "An Desmet" in body and "VDAB" in body and "vegetarisch" in body
    assert "2 ingeschreven, 2 op de wachtlijst" in body
    assert "Op de wachtlijst" in body


def test_raising_the_capacity_promotes_from_the_waiting_list(staff_client, full_event):
    url = reverse("events:staff_registrations", args=[full_event.slug])
    response = staff_client.post(url, {"action": "capacity", "capacity": "3"}, follow=True)
    assert "1 van de wachtlijst schoven door" in response.content.decode()
    carla = full_event.registrations.get(name="Carla Peeters")
    assert carla.status == R.CONFIRMED
    assert full_event.registrations.get(name="Dirk Maes").status == R.WAITLISTED
    assert OutboxMessage.objects.get().recipient_email == carla.email


def test_a_capacity_below_the_registrations_is_refused_in_dutch(staff_client, full_event):
    url = reverse("events:staff_registrations", args=[full_event.slug])
    response = staff_client.post(url, {"action": "capacity", "capacity": "1"}, follow=True)
    assert "Er zijn al meer inschrijvingen." in response.content.decode()
    response = staff_client.post(url, {"action": "capacity", "capacity": "nul"}, follow=True)
    assert "Vul een aantal plaatsen van minstens 1 in" in response.content.decode()
    full_event.refresh_from_db()
    assert full_event.capacity == 2


def test_cancelling_for_someone_promotes_the_next(staff_client, full_event):
    an = full_event.registrations.get(name="An Desmet")
    url = reverse("events:staff_registrations", args=[full_event.slug])
    response = staff_client.post(url, {"action": "cancel", "registration": an.uuid}, follow=True)
    body = response.content.decode()
    assert "De inschrijving van An Desmet is geannuleerd." in body
    assert "Carla Peeters schuift door van de wachtlijst" in body
    an.refresh_from_db()
    assert an.status == R.CANCELLED
    assert full_event.registrations.get(name="Carla Peeters").status == R.CONFIRMED


def test_a_registration_of_another_event_is_not_cancelled_here(staff_client, full_event):
    other = EventRegistrationFactory()
    url = reverse("events:staff_registrations", args=[full_event.slug])
    response = staff_client.post(url, {"action": "cancel", "registration": other.uuid})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == R.CONFIRMED


def test_the_export_neutralises_formulas_and_leaves_out_cancellations(staff_client, full_event):
    EventRegistrationFactory(event=full_event, name="=cmd|' /C calc'!A0", organisation="@SUM(1)")
    EventRegistrationFactory(event=full_event, name="Eva Geannuleerd", status=R.CANCELLED)
    url = reverse("events:staff_export", args=[full_event.slug])
    response = staff_client.get(url, {"formaat": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Naam", "Organisatie", "E-mailadres"]
    names = [row[0] for row in rows[1:]]
    assert "'=cmd|' /C calc'!A0" in names
    assert "Eva Geannuleerd" not in names
    assert ["'@SUM(1)"] == [row[1] for row in rows[1:] if row[0].startswith("'=")]

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(staff_client.get(url).content)).active
    values = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert "'=cmd|' /C calc'!A0" in values and len(values) == 5


def test_others_get_a_403(client, school_contact, full_event):
    client.force_login(school_contact)
    url = reverse("events:staff_registrations", args=[full_event.slug])
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "capacity", "capacity": "10"}).status_code == 403
    full_event.refresh_from_db()
    assert full_event.capacity == 2
