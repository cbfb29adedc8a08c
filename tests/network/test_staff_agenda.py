"""Staff pages: the agenda builder (numbered items with times, add, edit, move without
JavaScript, delete after confirmation) and documents (content check, linked to items)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from network.meetings import services
from network.models import AgendaItem, MeetingDocument
from tests.factories import PersonFactory
from tests.network.factories import (
    AgendaItemFactory,
    BodyFactory,
    DelegateFactory,
    MeetingFactory,
    MinutesFactory,
    at,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, pof_secretary):
    client.force_login(pof_secretary)
    return client


@pytest.fixture
def meeting():
    return MeetingFactory(title="POF oktober", starts_at=at(10, 14))


def agenda_url(meeting):
    return reverse("network:staff_agenda", args=[meeting.uuid])


def add(meeting, title, **fields):
    return services.add_agenda_item(meeting=meeting, actor=None, title=title, **fields)


class TestPage:
    def test_numbers_times_and_presenters(self, staff, meeting):
        welcome = add(meeting, "Verwelkoming", duration_minutes=10)
        requests = add(meeting, "Programmatieaanvragen", duration_minutes=20)
        add(meeting, "VTI Roeselare: elektriciteit", parent=requests, duration_minutes=15)
        add(meeting, "Intern overleg", internal=True, presenter_text="Katrien")
        html = staff.get(agenda_url(meeting)).content.decode()
        assert "14:00–14:10" in html  # 1 Verwelkoming
        assert "14:10–14:30" in html  # 2 Programmatieaanvragen
        assert "14:10–14:25" in html  # 2.1 the sub-item inside its parent's slot
        assert "14:30–14:45" in html and "Katrien" in html and "intern" in html
        assert "2.1" in html and "Van 14:00 tot 14:45" in html
        assert f'id="punt-{welcome.pk}"' in html

    def test_empty_agenda(self, staff, meeting):
        html = staff.get(agenda_url(meeting)).content.decode()
        assert "De agenda is nog leeg." in html
        assert "Nog geen documenten bij deze vergadering." in html

    def test_the_previous_minutes_next_to_their_approval(self, staff):
        body = BodyFactory()
        earlier = MinutesFactory(meeting__body=body, meeting__starts_at=at(-30)).meeting
        meeting = MeetingFactory(body=body, starts_at=at(10))
        add(meeting, "Goedkeuring vorig verslag", kind="approve_minutes")
        html = staff.get(agenda_url(meeting)).content.decode()
        assert reverse("network:meeting_detail", args=[earlier.uuid]) in html
        assert f"Verslag van {earlier}" in html

    def test_pof_standard_agenda_button_only_when_the_pof_view_exists(self, staff):
        pof = MeetingFactory(body__kind="pof")
        html = staff.get(agenda_url(pof)).content.decode()
        try:
            standard = reverse("pof:session_standard_agenda", args=[pof.uuid])
        except Exception:
            assert "Standaardagenda invullen" not in html
        else:
            assert f'action="{standard}"' in html
        other = MeetingFactory(body__kind="learning_network")
        assert "Standaardagenda invullen" not in staff.get(agenda_url(other)).content.decode()

    def test_a_bounded_number_of_queries(self, staff, meeting, django_assert_max_num_queries):
        for n in range(15):
            parent = add(meeting, f"Punt {n}", presenter=PersonFactory())
            add(meeting, f"Subpunt {n}", parent=parent)
        # session, user, MFA authenticator, roles; the meeting; the items (presenters joined)
        # and their documents; the previous meeting; the presenter and parent choices of the
        # item form and whether there are documents to link (none here); the documents list;
        # the item choices of the upload form (whether there are any, then the list); the
        # published good practices of the item form
        with django_assert_max_num_queries(15):
            response = staff.get(agenda_url(meeting))
        assert response.content.decode().count("agenda-sub-item") == 15

    def test_others_get_a_403_and_unknown_meetings_a_404(self, client, staff, partner_contact):
        meeting = MeetingFactory()
        missing = reverse("network:staff_agenda", args=["00000000-0000-0000-0000-000000000000"])
        assert staff.get(missing).status_code == 404
        client.force_login(partner_contact)
        assert client.get(agenda_url(meeting)).status_code == 403


class TestAddItem:
    def test_an_item_and_a_sub_item_with_a_presenter(self, staff, meeting):
        delegate = DelegateFactory(mandate__body=meeting.body, person__last_name="Vermeulen")
        response = staff.post(
            agenda_url(meeting),
            {
                "title": "VDAB over de arbeidsmarkt",
                "kind": "labour_market",
                "duration_minutes": "20",
                "presenter": delegate.person.pk,
                "presenter_text": "",
                "parent": "",
                "description": "",
            },
        )
        assert response.status_code == 302
        item = AgendaItem.objects.get()
        assert item.presenter == delegate.person and item.duration_minutes == 20
        staff.post(
            agenda_url(meeting),
            {"title": "Cijfers", "kind": "item", "duration_minutes": "5", "parent": item.pk},
        )
        sub = AgendaItem.objects.get(title="Cijfers")
        assert sub.parent == item and sub.position == 1
        assert "Vermeulen" in staff.get(agenda_url(meeting)).content.decode()

    def test_refusals_in_dutch_keep_the_input(self, staff, meeting):
        parent = add(meeting, "Aanvragen")
        sub = add(meeting, "VTI", parent=parent)
        response = staff.post(
            agenda_url(meeting),
            {
                "title": "Te diep",
                "kind": "item",
                "duration_minutes": "900",
                "parent": sub.pk,
                "presenter_text": "Jan",
            },
        )
        html = response.content.decode()
        assert response.status_code == 400
        assert 'value="Te diep"' in html
        assert "Selecteer een geldige keuze" in html  # a sub-item is no parent
        assert "Een punt duurt hoogstens 480 minuten (8 uur)." in html
        assert AgendaItem.objects.count() == 2

    def test_a_person_and_a_free_text_presenter_not_both(self, staff, meeting):
        person = DelegateFactory(mandate__body=meeting.body).person
        response = staff.post(
            agenda_url(meeting),
            {
                "title": "Welkom",
                "kind": "item",
                "duration_minutes": "5",
                "presenter": person.pk,
                "presenter_text": "Jan",
            },
        )
        assert "Kies een persoon of typ een naam, niet allebei." in response.content.decode()


class TestEditMoveDelete:
    def test_edit_an_item(self, staff, meeting):
        item = add(meeting, "Varia", kind="aob")
        url = reverse("network:staff_agenda_item_edit", args=[meeting.uuid, item.pk])
        assert 'value="Varia"' in staff.get(url).content.decode()
        response = staff.post(
            url, {"title": "Varia en rondvraag", "kind": "aob", "duration_minutes": "10"}
        )
        assert response.status_code == 302
        item.refresh_from_db()
        assert item.title == "Varia en rondvraag" and item.duration_minutes == 10

    def test_an_item_of_another_meeting_is_a_404(self, staff, meeting):
        other = AgendaItemFactory()
        url = reverse("network:staff_agenda_item_edit", args=[meeting.uuid, other.pk])
        assert staff.get(url).status_code == 404
        move = reverse("network:staff_agenda_item_move", args=[meeting.uuid, other.pk])
        assert staff.post(move, {"direction": "up"}).status_code == 404

    def test_move_up_and_down_with_plain_buttons(self, staff, meeting):
        a, b, c = (add(meeting, title) for title in ("A", "B", "C"))
        move = reverse("network:staff_agenda_item_move", args=[meeting.uuid, c.pk])
        response = staff.post(move, {"direction": "up"})
        assert response["Location"].endswith(f"#punt-{c.pk}")
        assert [s.item.title for s in meeting.schedule()] == ["A", "C", "B"]
        move_a = reverse("network:staff_agenda_item_move", args=[meeting.uuid, a.pk])
        html = staff.post(move_a, {"direction": "up"}, follow=True).content.decode()
        assert "Dit punt staat al bovenaan of onderaan." in html
        assert staff.post(move_a, {"direction": "sideways"}).status_code == 404

    def test_delete_asks_first(self, staff, meeting):
        parent = add(meeting, "Aanvragen")
        add(meeting, "VTI Roeselare", parent=parent)
        after = add(meeting, "Varia")
        url = reverse("network:staff_agenda_item_delete", args=[meeting.uuid, parent.pk])
        html = staff.get(url).content.decode()
        assert "„Aanvragen” van de agenda halen?" in html and "VTI Roeselare" in html
        assert AgendaItem.objects.count() == 3
        staff.post(url)
        assert list(AgendaItem.objects.values_list("title", flat=True)) == ["Varia"]
        after.refresh_from_db()
        assert after.position == 1


class TestDocuments:
    def test_upload_checked_by_content_and_linked_to_an_item(self, staff, meeting):
        item = add(meeting, "Programmatie")
        response = staff.post(
            reverse("network:staff_document_add", args=[meeting.uuid]),
            {
                "upload": SimpleUploadedFile("nota.pdf", b"%PDF-1.7\nnota"),
                "title": "Nota programmatie",
                "kind": "note",
                "items": [item.pk],
            },
        )
        assert response.status_code == 302
        document = MeetingDocument.objects.get()
        assert document.title == "Nota programmatie" and document.extension == "pdf"
        assert list(item.documents.all()) == [document]
        html = staff.get(agenda_url(meeting)).content.decode()
        assert reverse("network:document_download", args=[document.uuid]) in html

    def test_a_disguised_file_is_refused_in_dutch(self, staff, meeting):
        response = staff.post(
            reverse("network:staff_document_add", args=[meeting.uuid]),
            {
                "upload": SimpleUploadedFile("nota.pdf", b"MZ\x90\x00 an executable"),
                "title": "Virus",
                "kind": "note",
            },
        )
        html = response.content.decode()
        assert response.status_code == 400
        assert "Kijk dit nog even na" in html and 'value="Virus"' in html
        assert not MeetingDocument.objects.exists()

    def test_a_missing_file(self, staff, meeting):
        response = staff.post(
            reverse("network:staff_document_add", args=[meeting.uuid]), {"kind": "note"}
        )
        assert response.status_code == 400
        assert "Dit veld is verplicht." in response.content.decode()


class TestReorder:
    """The drag-and-drop of agenda-builder.js posts one level's new order."""

    def url(self, meeting):
        return reverse("network:staff_agenda_reorder", args=[meeting.uuid])

    def test_a_level_in_a_new_order(self, staff, meeting):
        a, b, c = (add(meeting, title) for title in ("A", "B", "C"))
        sub1, sub2 = add(meeting, "B1", parent=b), add(meeting, "B2", parent=b)
        response = staff.post(
            self.url(meeting),
            {"order": [c.pk, a.pk, b.pk], "parent": ""},
            HTTP_ACCEPT="application/json",
        )
        assert response.json() == {"ok": True}
        staff.post(
            self.url(meeting), {"order": [sub2.pk, sub1.pk], "parent": b.pk},
            HTTP_ACCEPT="application/json",
        )  # fmt: skip
        assert [s.item.title for s in meeting.schedule()] == ["C", "A", "B", "B2", "B1"]
        html = staff.get(agenda_url(meeting)).content.decode()
        assert "js/agenda-builder.js" in html and f'data-item-id="{c.pk}"' in html

    def test_a_stale_order_is_refused(self, staff, meeting):
        add(meeting, "A")
        b = add(meeting, "B")
        response = staff.post(
            self.url(meeting), {"order": [b.pk], "parent": ""}, HTTP_ACCEPT="application/json"
        )
        assert response.status_code == 409
        assert "laad de pagina opnieuw" in response.json()["error"]
        response = staff.post(self.url(meeting), {"order": ["x"]}, HTTP_ACCEPT="application/json")
        assert response.status_code == 400
        assert [s.item.title for s in meeting.schedule()] == ["A", "B"]

    def test_without_script_it_redirects_with_a_message(self, staff, meeting):
        a, b = add(meeting, "A"), add(meeting, "B")
        html = staff.post(self.url(meeting), {"order": [b.pk, a.pk]}, follow=True)
        assert "De volgorde van de agenda is aangepast." in html.content.decode()
        assert [s.item.title for s in meeting.schedule()] == ["B", "A"]


def test_link_an_uploaded_document_when_editing_an_item(staff, meeting):
    item = add(meeting, "Afstemming aanbod", kind="align_offer")
    document = services.add_document(
        meeting=meeting,
        upload=SimpleUploadedFile("overzicht.pdf", b"%PDF-1.7\noverzicht"),
        title="Overzicht aanbod",
        kind="annex",
        actor=None,
    )
    url = reverse("network:staff_agenda_item_edit", args=[meeting.uuid, item.pk])
    assert "Overzicht aanbod" in staff.get(url).content.decode()
    staff.post(
        url,
        {
            "title": item.title,
            "kind": "align_offer",
            "duration_minutes": "15",
            "documents": [document.pk],
        },
    )
    assert list(item.documents.all()) == [document]
    staff.post(url, {"title": item.title, "kind": "align_offer", "duration_minutes": "15"})
    assert not item.documents.exists()


class TestGoodPractice:
    """A published good practice attached to an agenda item: its summary goes on the agenda."""

    def test_linking_fills_the_explanation_and_presenter(self, client, cast):
        from network.meetings import services
        from network.models import AgendaItem
        from tests.network.factories import GoodPracticeFactory, MeetingFactory

        practice = GoodPracticeFactory(
            title="Een peter op de werf",
            company_name="Bouwbedrijf Vanhoutte BV",
            summary="Elke leerling krijgt een peter naast de mentor.",
            is_published=True,
        )
        hidden = GoodPracticeFactory(is_published=False)
        meeting = MeetingFactory()
        item = services.add_agenda_item(
            meeting=meeting, actor=None, title="Goede praktijk", kind=AgendaItem.Kind.GOOD_PRACTICE
        )
        client.force_login(cast["pof_secretary"])
        url = reverse("network:staff_agenda_item_edit", args=[meeting.uuid, item.pk])
        page = client.get(url).text
        assert "Een peter op de werf" in page and hidden.title not in page
        data = {
            "title": "Goede praktijk",
            "kind": AgendaItem.Kind.GOOD_PRACTICE,
            "duration_minutes": 20,
            "good_practice": practice.pk,
        }
        client.post(url, data)
        item.refresh_from_db()
        assert (item.subject_type, item.subject_id) == ("network.goodpractice", practice.pk)
        assert item.description == "Elke leerling krijgt een peter naast de mentor."
        assert item.presenter_text == "Bouwbedrijf Vanhoutte BV"
        # Detach again.
        client.post(url, {**data, "good_practice": ""})
        item.refresh_from_db()
        assert item.subject_id is None

    def test_an_unpublished_practice_is_refused_by_the_service(self):
        from network.meetings import services
        from tests.network.factories import AgendaItemFactory, GoodPracticeFactory

        with pytest.raises(Exception, match="gepubliceerde goede praktijk"):
            services.link_good_practice(
                item=AgendaItemFactory(), practice=GoodPracticeFactory(), actor=None
            )
