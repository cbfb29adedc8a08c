import datetime

import pytest
from django.test import Client
from django.urls import reverse

from campaigns.campaign import recipients
from campaigns.models import MailOptOut
from tests.factories import MembershipFactory, PersonFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def test_school_contacts_skip_ended_memberships_duplicates_and_opt_outs():
    school, other = SchoolFactory(name="VTI Brugge"), SchoolFactory(name="SJI Kortrijk")
    ann = PersonFactory(first_name="Ann", last_name="Claeys", email="Ann@VTI.be")
    MembershipFactory(person=ann, organisation=school)
    MembershipFactory(person=ann, organisation=other)  # one mail, not two
    MembershipFactory(person=PersonFactory(email=""), organisation=school)
    MembershipFactory(
        person=PersonFactory(email="weg@vti.be"),
        organisation=school,
        ended_on=datetime.date(2025, 1, 31),
    )
    MembershipFactory(person=PersonFactory(email="stop@sji.be"), organisation=other)
    recipients.opt_out(email="STOP@sji.be")

    found = recipients.school_contacts([school, other])
    # Ordered by school name: Ann is reached once, through the first of her schools.
    assert [(r.email, r.name, r.school_name) for r in found] == [
        ("ann@vti.be", "Ann Claeys", "SJI Kortrijk")
    ]


def test_opt_out_is_idempotent_and_case_insensitive():
    first = recipients.opt_out(email="Ouder@Voorbeeld.be")
    again = recipients.opt_out(email="ouder@voorbeeld.be ")
    assert first.pk == again.pk and MailOptOut.objects.count() == 1
    assert recipients.is_opted_out("OUDER@voorbeeld.be")


def test_unsubscribe_link_asks_first_then_unsubscribes_without_login():
    url = recipients.unsubscribe_url("leerkracht@school.be")
    path = url.removeprefix("http://127.0.0.1:8000")
    page = Client().get(path)
    assert "Ja, schrijf me uit" in page.text and "leerkracht@school.be" in page.text
    assert not MailOptOut.objects.exists()  # a scanner following the link changes nothing

    # RFC 8058 one-click: the mail client POSTs without a CSRF token.
    done = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "We sturen geen campagnemails meer" in done.text
    assert recipients.is_opted_out("leerkracht@school.be")
    assert "We sturen geen campagnemails meer" in Client().get(path).text


def test_a_forged_token_is_refused():
    token = recipients.unsubscribe_token("a@b.be")[:-2] + "xx"
    response = Client().post(reverse("campaigns:unsubscribe", args=[token]))
    assert response.status_code == 404 and not MailOptOut.objects.exists()


def test_headers_point_at_the_link():
    headers = recipients.unsubscribe_headers("a@b.be")
    assert headers["List-Unsubscribe"] == f"<{recipients.unsubscribe_url('a@b.be')}>"
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
