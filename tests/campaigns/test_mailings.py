"""Campaign mailings: segments, compose (Markdown, kit links), preview, test to self, send
through the outbox (twice never mails anyone twice), per-recipient status and resend."""

import email
import email.policy

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from campaigns.campaign.recipients import email_from_token, opt_out
from campaigns.mailings import services
from campaigns.mailings.selectors import mailing_recipients, segment_schools
from campaigns.models import Mailing
from steunpunt.core.models import OutboxMessage
from tests.campaigns.factories import (
    CampaignFactory,
    DigitalMaterialFactory,
    MaterialFileFactory,
    ParticipationFactory,
)
from tests.campaigns.mailing_factories import MailingFactory
from tests.factories import (
    CompanyFactory,
    MembershipFactory,
    PersonFactory,
    PostcodeFactory,
    SchoolFactory,
    SiteFactory,
    SubregionFactory,
)

pytestmark = pytest.mark.django_db
S = OutboxMessage.Status


@pytest.fixture
def staff_client(client, coordinator, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    client.force_login(coordinator)
    return client


@pytest.fixture
def world(db):
    """Two participating schools in two subregions, one that does not take part."""
    campaign = CampaignFactory(name="Steek een poot uit")
    roeselare = SubregionFactory(name="Midwest", slug="midwest")
    brugge = SubregionFactory(name="Noord", slug="noord")

    def school(name, subregion, *emails, participating=True):
        organisation = SchoolFactory(name=name)
        SiteFactory(organisation=organisation, postcode=PostcodeFactory(subregion=subregion))
        for address in emails:
            first = address.split("@")[0].capitalize()
            MembershipFactory(
                person=PersonFactory(first_name=first, last_name="Test", email=address),
                organisation=organisation,
            )
        if participating:
            ParticipationFactory(campaign=campaign, school=organisation)
        return organisation

    vti = school("VTI Roeselare", roeselare, "ann@vti.test")
    sji = school("SJI Brugge", brugge, "bert@sji.test", "stop@sji.test")
    outside = school("KTA Ieper", roeselare, "cas@kta.test", participating=False)
    opt_out(email="stop@sji.test")
    banner = DigitalMaterialFactory(campaign=campaign, name="Webbanner", link="")
    MaterialFileFactory(material=banner, label="728 × 90 px")
    foreign = DigitalMaterialFactory(name="Banner van een andere campagne")
    return {
        "campaign": campaign,
        "midwest": roeselare,
        "noord": brugge,
        "vti": vti,
        "sji": sji,
        "outside": outside,
        "banner": banner,
        "foreign": foreign,
    }


def content(**overrides):
    values = {
        "subject": "De infopunten zijn er",
        "body": (
            "Bestel **nu** je infopunt.\n\n<script>alert(1)</script>[Lees](javascript:alert(1))"
        ),
        "segment": Mailing.Segment.ALL,
    }
    values.update(overrides)
    return services.MailingContent(**values)


def emails(mailing):
    return [r.email for r in mailing_recipients(mailing)]


# --- Segments ---------------------------------------------------------------------------------


def test_segments_reach_participating_schools_without_opt_outs(world, coordinator):
    everyone = services.create_mailing(
        campaign=world["campaign"], content=content(), actor=coordinator
    )
    assert emails(everyone) == ["bert@sji.test", "ann@vti.test"]  # by school name

    midwest = services.create_mailing(
        campaign=world["campaign"],
        content=content(segment=Mailing.Segment.SUBREGION, subregion=world["midwest"]),
        actor=coordinator,
    )
    assert list(segment_schools(midwest)) == [world["vti"]]  # KTA Ieper does not take part
    assert emails(midwest) == ["ann@vti.test"]

    custom = services.create_mailing(
        campaign=world["campaign"],
        content=content(segment=Mailing.Segment.CUSTOM, schools=(world["outside"], world["sji"])),
        actor=coordinator,
    )
    assert emails(custom) == ["cas@kta.test", "bert@sji.test"]


def test_not_ordered_yet_reaches_schools_without_an_order_that_counts(world, coordinator):
    from campaigns.models import Order
    from tests.campaigns.factories import OrderFactory

    OrderFactory(campaign=world["campaign"], school=world["vti"])
    OrderFactory(
        campaign=world["campaign"],
        school=world["sji"],
        status=Order.Status.REFUSED,
        refusal_reason="Geen voorraad meer",
    )
    OrderFactory(school=world["outside"])  # an order in another campaign does not count
    company = CompanyFactory(name="Bouwbedrijf")
    MembershipFactory(person=PersonFactory(email="baas@bouw.test"), organisation=company)
    mailing = services.create_mailing(
        campaign=world["campaign"],
        content=content(segment=Mailing.Segment.NOT_ORDERED),
        actor=coordinator,
    )
    # KTA Ieper takes no part yet and SJI's only order was refused; VTI ordered; no companies.
    assert list(segment_schools(mailing)) == [world["outside"], world["sji"]]
    assert emails(mailing) == ["cas@kta.test", "bert@sji.test"]  # stop@sji.test opted out


def test_a_school_with_two_sites_in_the_subregion_is_reached_once(world, coordinator):
    SiteFactory(organisation=world["vti"], postcode=PostcodeFactory(subregion=world["midwest"]))
    mailing = services.create_mailing(
        campaign=world["campaign"],
        content=content(segment=Mailing.Segment.SUBREGION, subregion=world["midwest"]),
        actor=coordinator,
    )
    assert emails(mailing) == ["ann@vti.test"]


def test_bad_compositions_are_refused(world, coordinator):
    with pytest.raises(services.ValidationError) as error:
        services.create_mailing(
            campaign=world["campaign"],
            content=content(segment=Mailing.Segment.SUBREGION),
            actor=coordinator,
        )
    assert "subregion" in error.value.message_dict
    with pytest.raises(services.ValidationError) as error:
        services.create_mailing(
            campaign=world["campaign"],
            content=content(materials=(world["foreign"],)),
            actor=coordinator,
        )
    assert "materials" in error.value.message_dict
    with pytest.raises(services.ValidationError):
        services.create_mailing(
            campaign=world["campaign"],
            content=content(segment=Mailing.Segment.CUSTOM),
            actor=coordinator,
        )
    assert not Mailing.objects.exists()


# --- Rendering ----------------------------------------------------------------------------


def test_the_mail_renders_markdown_safely_with_kit_links_and_unsubscribe(world, coordinator):
    mailing = services.create_mailing(
        campaign=world["campaign"],
        content=content(materials=(world["banner"],)),
        actor=coordinator,
    )
    message = services.render_message(mailing, email="ann@vti.test", name="Ann Test")

    assert "<strong>nu</strong>" in message.body_html
    assert "<script>" not in message.body_html and "javascript:" not in message.body_html
    assert "Dag Ann Test," in message.body_html and "Dag Ann Test," in message.body_text
    # The link goes to the download view (access check, counted), never to /media/.
    material_file = world["banner"].files.get()
    file_url = "http://127.0.0.1:8000" + reverse(
        "campaigns:file_download", args=[material_file.uuid]
    )
    assert material_file.file.url not in message.body_text
    assert f'href="{file_url}"' in message.body_html and file_url in message.body_text
    link = message.headers["List-Unsubscribe"].strip("<>")
    assert email_from_token(link.rstrip("/").rsplit("/", 1)[1]) == "ann@vti.test"
    assert link in message.body_text and f'href="{link}"' in message.body_html
    assert message.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


# --- Sending ----------------------------------------------------------------------------------


def test_send_queues_one_row_per_recipient_and_sending_again_mails_nobody_twice(
    world, coordinator, django_capture_on_commit_callbacks
):
    mailing = services.create_mailing(
        campaign=world["campaign"], content=content(), actor=coordinator
    )
    with django_capture_on_commit_callbacks(execute=True):
        first = services.send_mailing(mailing=mailing, actor=coordinator)
    assert (first.queued, first.already) == (2, 0)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "Ann Test <ann@vti.test>",
        "Bert Test <bert@sji.test>",
    ]
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.SENT and mailing.sent_by == coordinator

    with django_capture_on_commit_callbacks(execute=True):
        again = services.send_mailing(mailing=mailing, actor=coordinator)
    assert (again.queued, again.already) == (0, 2)
    assert len(mail.outbox) == 2

    # A school that joins later is reached by a new send, the others are not mailed again.
    late = SchoolFactory(name="Avelgem Atheneum")
    MembershipFactory(person=PersonFactory(email="dirk@avelgem.test"), organisation=late)
    ParticipationFactory(campaign=world["campaign"], school=late)
    with django_capture_on_commit_callbacks(execute=True):
        later = services.send_mailing(mailing=mailing, actor=coordinator)
    assert (later.queued, later.already) == (1, 2)
    assert len(mail.outbox) == 3 and mail.outbox[-1].to[0].endswith("<dirk@avelgem.test>")
    assert OutboxMessage.objects.filter(batch=mailing.outbox_batch, status=S.SENT).count() == 3


def test_a_mailing_that_reaches_nobody_is_not_sent(world, coordinator):
    mailing = services.create_mailing(
        campaign=world["campaign"],
        content=content(segment=Mailing.Segment.CUSTOM, schools=(SchoolFactory(),)),
        actor=coordinator,
    )
    with pytest.raises(services.ValidationError):
        services.send_mailing(mailing=mailing, actor=coordinator)
    mailing.refresh_from_db()
    assert mailing.is_draft and not OutboxMessage.objects.exists()


def test_a_sent_mailing_cannot_be_edited(world, coordinator):
    mailing = MailingFactory(campaign=world["campaign"])
    services.send_mailing(mailing=mailing, actor=coordinator)
    with pytest.raises(services.ValidationError):
        services.update_mailing(
            mailing=mailing, content=content(subject="Anders"), actor=coordinator
        )
    assert Mailing.objects.get().subject == mailing.subject


# --- Views --------------------------------------------------------------------------------


def test_compose_preview_test_send_and_follow_up(
    staff_client, world, coordinator, django_capture_on_commit_callbacks
):
    data = {
        "campaign": world["campaign"].pk,
        "subject": "De infopunten zijn er",
        "body": "Bestel **nu** je infopunt.",
        "materials": [world["banner"].pk],
        "segment": "subregion",
        "subregion": world["noord"].pk,
    }
    response = staff_client.post(reverse("campaigns:mailing_create"), data)
    mailing = Mailing.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("campaigns:mailing_preview", args=[mailing.uuid])

    preview = staff_client.get(response["Location"])
    assert "<strong>nu</strong>" in preview.text and "Dag Bert Test," in preview.text
    assert "Deze mailing gaat naar 1 contactpersoon." in preview.text
    assert "SJI Brugge" in preview.text and "VTI Roeselare" not in preview.text

    with django_capture_on_commit_callbacks(execute=True):
        test = staff_client.post(reverse("campaigns:mailing_send_test", args=[mailing.uuid]))
    assert test.status_code == 302
    assert [m.to[0] for m in mail.outbox] == ["Katrien Coördinator <coordinator@steunpunt.test>"]
    assert mail.outbox[0].subject == "[Test] De infopunten zijn er"
    mailing.refresh_from_db()
    assert mailing.is_draft  # a test is not the real thing

    with django_capture_on_commit_callbacks(execute=True):
        sent = staff_client.post(reverse("campaigns:mailing_send", args=[mailing.uuid]))
    assert sent["Location"] == mailing.get_absolute_url()
    assert mail.outbox[-1].to == ["Bert Test <bert@sji.test>"]
    raw = email.message_from_bytes(
        mail.outbox[-1].message().as_bytes(), policy=email.policy.default
    )
    token = raw["List-Unsubscribe"].strip("<>").rstrip("/").rsplit("/", 1)[1]
    assert email_from_token(token) == "bert@sji.test"

    detail = staff_client.get(mailing.get_absolute_url())
    assert "bert@sji.test" in detail.text and "Verstuurd" in detail.text
    assert "1 ontvanger" in detail.text  # the test to self is not one of them


def test_bad_input_is_explained_next_to_the_field_and_kept(staff_client, world):
    response = staff_client.post(
        reverse("campaigns:mailing_create"),
        {
            "campaign": world["campaign"].pk,
            "subject": "Mijn onderwerp",
            "body": "Mijn lange tekst die niet verloren mag gaan.",
            "segment": "custom",
            "materials": [world["foreign"].pk],
        },
    )
    assert response.status_code == 200
    assert "Kies minstens één school." in response.text
    assert "Kies alleen materiaal van de campagne" in response.text
    assert "Mijn lange tekst die niet verloren mag gaan." in response.text
    assert 'value="Mijn onderwerp"' in response.text
    assert not Mailing.objects.exists()


def test_edit_a_draft_but_not_a_sent_mailing(staff_client, world, coordinator):
    mailing = MailingFactory(campaign=world["campaign"])
    url = reverse("campaigns:mailing_update", args=[mailing.uuid])
    data = {"subject": "Nieuw onderwerp", "body": "Nieuwe tekst", "segment": "all"}
    assert staff_client.post(url, data).status_code == 302
    mailing.refresh_from_db()
    assert mailing.subject == "Nieuw onderwerp"

    services.send_mailing(mailing=mailing, actor=coordinator)
    response = staff_client.post(url, {**data, "subject": "Nog anders"})
    assert response["Location"] == mailing.get_absolute_url()
    mailing.refresh_from_db()
    assert mailing.subject == "Nieuw onderwerp"


def test_detail_shows_failures_and_resends_only_them(
    staff_client, world, coordinator, django_capture_on_commit_callbacks
):
    mailing = MailingFactory(campaign=world["campaign"])
    services.send_mailing(mailing=mailing, actor=coordinator)
    OutboxMessage.objects.filter(recipient_email="ann@vti.test").update(
        status=S.FAILED, attempts=6, last_error="SMTPRecipientsRefused: 550 onbekend adres"
    )
    OutboxMessage.objects.filter(recipient_email="bert@sji.test").update(
        status=S.SENT, sent_at=timezone.now()
    )

    page = staff_client.get(mailing.get_absolute_url(), {"status": "failed"})
    assert "550 onbekend adres" in page.text and "ann@vti.test" in page.text
    assert "bert@sji.test" not in page.text
    assert "Verstuur de 1 mislukte e-mail opnieuw" in page.text

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("campaigns:mailing_resend_failed", args=[mailing.uuid]))
    statuses = dict(OutboxMessage.objects.values_list("recipient_email", "status"))
    assert statuses == {"ann@vti.test": S.SENT, "bert@sji.test": S.SENT}
    assert [m.to[0] for m in mail.outbox] == ["Ann Test <ann@vti.test>"]  # Bert not again


def test_list_shows_counts_with_a_fixed_number_of_queries(
    staff_client, world, coordinator, django_assert_max_num_queries
):
    for n in range(6):
        mailing = MailingFactory(campaign=world["campaign"], subject=f"Nieuws {n}")
        services.send_mailing(mailing=mailing, actor=coordinator)
    MailingFactory(campaign=world["campaign"], subject="Nog een ontwerp")

    # session + user + roles (4), count, page of mailings with campaign and subregion,
    # outbox counts for the page, campaigns for the filter
    with django_assert_max_num_queries(10):
        response = staff_client.get(reverse("campaigns:mailing_list"))
    assert response.text.count("<tr>") == 8  # header + 7 mailings
    assert "Nog een ontwerp" in response.text
    row = response.text.split("Nieuws 0")[1].split("</tr>")[0]
    assert [cell.strip() for cell in row.split("<td>")[-3:]] == ["0</td>", "2</td>", "0</td>"]


def test_detail_has_a_fixed_number_of_queries(
    staff_client, world, coordinator, django_assert_max_num_queries
):
    mailing = MailingFactory(campaign=world["campaign"])
    for n in range(30):
        MembershipFactory(
            person=PersonFactory(email=f"extra{n}@vti.test"), organisation=world["vti"]
        )
    services.send_mailing(mailing=mailing, actor=coordinator)

    # session + user + roles, the mailing, its counts, the page count and the page of rows
    with django_assert_max_num_queries(10):
        response = staff_client.get(mailing.get_absolute_url())
    assert "32 ontvangers" in response.text


def test_empty_states(staff_client):
    assert "Er is nog geen mailing." in staff_client.get(reverse("campaigns:mailing_list")).text
    draft = MailingFactory()
    page = staff_client.get(draft.get_absolute_url())
    assert "Deze mailing is nog niet verstuurd" in page.text
    preview = staff_client.get(reverse("campaigns:mailing_preview", args=[draft.uuid]))
    assert "Niemand krijgt deze mailing" in preview.text


# --- Refusals -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["school_contact", "pof_secretary", "company_contact"])
def test_only_coordinators_reach_mailings(client, request, role, settings, world):
    settings.MFA_REQUIRED_FOR_STAFF = False
    mailing = MailingFactory(campaign=world["campaign"])
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("campaigns:mailing_list")).status_code == 403
    assert client.get(mailing.get_absolute_url()).status_code == 403
    response = client.post(reverse("campaigns:mailing_send", args=[mailing.uuid]))
    assert response.status_code == 403
    assert not OutboxMessage.objects.exists() and Mailing.objects.get().is_draft


def test_actions_take_post_only_and_unknown_mailings_404(staff_client, world):
    mailing = MailingFactory(campaign=world["campaign"])
    for name in ("mailing_send", "mailing_send_test", "mailing_resend_failed"):
        assert (
            staff_client.get(reverse(f"campaigns:{name}", args=[mailing.uuid])).status_code == 405
        )
    unknown = "00000000-0000-0000-0000-000000000000"
    assert staff_client.post(reverse("campaigns:mailing_send", args=[unknown])).status_code == 404
    assert not OutboxMessage.objects.exists()


def test_admin_resend_action_requeues_failed_rows(staff_client, world, coordinator):
    mailing = MailingFactory(campaign=world["campaign"])
    services.send_mailing(mailing=mailing, actor=coordinator)
    row = OutboxMessage.objects.get(recipient_email="ann@vti.test")
    OutboxMessage.objects.filter(pk=row.pk).update(status=S.FAILED, last_error="x")
    response = staff_client.post(
        reverse("admin:core_outboxmessage_changelist"),
        {"action": "resend_failed", "_selected_action": [row.pk]},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status in (S.QUEUED, S.SENT) and row.last_error == ""


def test_every_test_mail_is_sent_and_none_counts_as_the_mailing(
    world, coordinator, django_capture_on_commit_callbacks
):
    mailing = MailingFactory(campaign=world["campaign"])
    with django_capture_on_commit_callbacks(execute=True):
        services.send_test_mailing(mailing=mailing, actor=coordinator)
        services.send_test_mailing(mailing=mailing, actor=coordinator)
    assert [m.subject for m in mail.outbox] == [f"[Test] {mailing.subject}"] * 2
    assert not OutboxMessage.objects.filter(batch=mailing.outbox_batch).exists()
    mailing.refresh_from_db()
    assert mailing.is_draft


def test_a_test_needs_an_address(world, coordinator):
    mailing = MailingFactory(campaign=world["campaign"])
    coordinator.email = ""
    with pytest.raises(services.ValidationError):
        services.send_test_mailing(mailing=mailing, actor=coordinator)
    assert not OutboxMessage.objects.exists()
