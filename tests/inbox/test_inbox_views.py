"""The coordinators' inbox: list with filters, detail, actions, answers."""

import pytest
from django.core import mail
from django.urls import reverse

from steunpunt.accounts.roles import Role
from steunpunt.accounts.services import create_portal_user
from steunpunt.inbox.forms import AnswerForm
from steunpunt.inbox.models import Question
from tests.factories import CompanyFactory, PartnerFactory, SubregionFactory
from tests.inbox.factories import (
    AnswerFactory,
    InfoSessionQuestionFactory,
    QuestionFactory,
    QuestionNoteFactory,
)

pytestmark = pytest.mark.django_db
LIST = reverse("inbox:question_list")
S = Question.Status


@pytest.fixture
def staff_client(client, coordinator, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    client.force_login(coordinator)
    return client


def action_url(name, question):
    return reverse(f"inbox:question_{name}", kwargs={"uuid": question.uuid})


# --- Permissions ------------------------------------------------------------------------------


def test_anonymous_goes_to_login(client):
    question = QuestionFactory()
    for url in (LIST, question.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    response = client.post(action_url("status", question), {"action": "close"})
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize(
    "role", ["school_contact", "company_contact", "partner_contact", "pof_secretary"]
)
def test_other_roles_are_refused(client, request, role, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    question = QuestionFactory()
    client.force_login(request.getfixturevalue(role))
    assert client.get(LIST).status_code == 403
    assert client.get(question.get_absolute_url()).status_code == 403
    response = client.post(action_url("status", question), {"action": "close"})
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.status == S.NEW


def test_actions_take_only_post(staff_client):
    question = QuestionFactory()
    for action in ("status", "assign", "refer", "note", "answer"):
        assert staff_client.get(action_url(action, question)).status_code == 405


# --- List ---------------------------------------------------------------------------------------


def test_empty_inbox(staff_client):
    response = staff_client.get(LIST)
    assert response.status_code == 200
    assert "Het postvak is leeg" in response.content.decode()


def test_list_counts_and_filters(staff_client, coordinator):
    west = SubregionFactory(name="Westhoek", slug="westhoek")
    new = QuestionFactory(audience="lerende", subregion=west)
    in_progress = QuestionFactory(status=S.IN_PROGRESS, assigned_to=coordinator)
    info = InfoSessionQuestionFactory()

    response = staff_client.get(LIST)
    counts = dict((status.value, n) for status, n in response.context["status_counts"])
    assert counts == {"nieuw": 2, "in_behandeling": 1, "doorverwezen": 0, "afgesloten": 0}

    def refs(query):
        response = staff_client.get(LIST, query)
        assert response.status_code == 200
        return {q.reference for q in response.context["questions"]}

    assert refs({"status": "in_behandeling"}) == {in_progress.reference}
    assert refs({"kind": "infosessie"}) == {info.reference}
    assert refs({"audience": "lerende"}) == {new.reference}
    assert refs({"subregion": west.pk}) == {new.reference}
    assert refs({"assigned_to": coordinator.pk}) == {in_progress.reference}
    assert refs({"assigned_to": "null"}) == {new.reference, info.reference}
    assert refs({"q": new.reference}) == {new.reference}
    response = staff_client.get(LIST, {"status": "afgesloten"})
    assert "Geen berichten met deze filters" in response.content.decode()


def test_list_runs_a_bounded_number_of_queries(
    staff_client, coordinator, django_assert_max_num_queries
):
    partner = PartnerFactory()
    for n in range(30):
        QuestionFactory(
            subregion=SubregionFactory(),
            assigned_to=coordinator,
            referred_to=partner if n % 2 else None,
            status=S.REFERRED if n % 2 else S.NEW,
        )
    # 1 session, 2 user, 3 the user's role groups (role check, cached for the header),
    # 4 count for the paginator, 5 the counts per status (one aggregate),
    # 6 subregion choices and 7 coordinator choices of the filter form,
    # 8 the page of questions with subregion, assignee and partner joined.
    # The same eight whatever the number of questions (30 here, 25 on the page).
    with django_assert_max_num_queries(8):
        response = staff_client.get(LIST, {"status": "", "kind": ""})
    assert response.status_code == 200
    assert len(response.context["questions"]) == 25


# --- Detail and actions -----------------------------------------------------------------------


def test_detail_shows_the_question_with_notes_and_answers(staff_client):
    question = InfoSessionQuestionFactory()
    QuestionNoteFactory(question=question, text="Directeur belt terug")
    AnswerFactory(question=question, body="**Graag!** We komen in maart.")
    response = staff_client.get(question.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert question.reference in html
    assert "VTI Roeselare" in html
    assert "Directeur belt terug" in html
    assert "<strong>Graag!</strong>" in html  # Markdown, sanitised


def test_status_actions(staff_client, coordinator):
    question = QuestionFactory()
    staff_client.post(action_url("status", question), {"action": "start"})
    question.refresh_from_db()
    assert question.status == S.IN_PROGRESS and question.assigned_to == coordinator
    staff_client.post(action_url("status", question), {"action": "close"})
    question.refresh_from_db()
    assert question.status == S.CLOSED
    # Closing twice is refused with a message, nothing changes.
    response = staff_client.post(action_url("status", question), {"action": "close"}, follow=True)
    assert "kan niet afgesloten worden" in response.content.decode()
    question.refresh_from_db()
    assert question.status == S.CLOSED
    assert staff_client.post(action_url("status", question), {"action": "hack"}).status_code == 404


def test_assign_to_me_and_to_another_coordinator(staff_client, coordinator):
    other = create_portal_user(email="an@steunpunt.test", role=Role.COORDINATOR, password="x" * 12)
    question = QuestionFactory()
    staff_client.post(action_url("assign", question), {"to_me": "1"})
    question.refresh_from_db()
    assert question.assigned_to == coordinator
    staff_client.post(action_url("assign", question), {"assignee": other.pk})
    question.refresh_from_db()
    assert question.assigned_to == other


def test_cannot_assign_to_someone_who_is_not_a_coordinator(staff_client, school_contact):
    question = QuestionFactory()
    response = staff_client.post(action_url("assign", question), {"assignee": school_contact.pk})
    assert response.status_code == 400
    question.refresh_from_db()
    assert question.assigned_to is None


def test_refer_to_a_partner(staff_client):
    partner = PartnerFactory(name="VDAB West-Vlaanderen")
    question = QuestionFactory()
    staff_client.post(
        action_url("refer", question),
        {"organisation": partner.pk, "reason": "Volwassene zonder diploma: trajectbegeleiding"},
    )
    question.refresh_from_db()
    assert question.status == S.REFERRED
    assert question.referred_to == partner
    assert "trajectbegeleiding" in question.referral_reason


def test_refer_refuses_a_company_or_missing_reason(staff_client):
    question = QuestionFactory()
    company = CompanyFactory()
    response = staff_client.post(
        action_url("refer", question), {"organisation": company.pk, "reason": "x"}
    )
    assert response.status_code == 400
    response = staff_client.post(
        action_url("refer", question), {"organisation": PartnerFactory().pk, "reason": ""}
    )
    assert response.status_code == 400
    assert "Schrijf kort waarom" in response.content.decode()
    question.refresh_from_db()
    assert question.status == S.NEW


def test_internal_note(staff_client, coordinator):
    question = QuestionFactory()
    staff_client.post(action_url("note", question), {"text": "Teruggebeld, geen antwoord."})
    note = question.notes.get()
    assert note.author == coordinator and note.text == "Teruggebeld, geen antwoord."
    assert staff_client.post(action_url("note", question), {"text": ""}).status_code == 400


def send_answer(client, question, body):
    """Sent as the page does it: after a preview of the same text (see test_answer_preview)."""
    return client.post(
        action_url("answer", question),
        {"body": body, "previewed": AnswerForm.digest(body), "send": "1"},
    )


def test_answer_is_sent_stored_and_timed_once(
    staff_client, coordinator, django_capture_on_commit_callbacks
):
    question = QuestionFactory(email="els@voorbeeld.test")
    with django_capture_on_commit_callbacks(execute=True):
        send_answer(staff_client, question, "Dag Els,\n\nJa, dat kan. Kijk bij **Kapper-stylist**.")
    question.refresh_from_db()
    answer = question.answers.get()
    assert answer.author == coordinator and answer.sent_to == "els@voorbeeld.test"
    assert question.status == S.IN_PROGRESS
    first = question.first_answered_at
    assert first is not None and question.time_to_first_answer is not None

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Els Vandamme <els@voorbeeld.test>"]
    assert question.reference in message.subject
    assert "**Kapper-stylist**" in message.body
    html = message.alternatives[0][0]
    assert "<strong>Kapper-stylist</strong>" in html

    with django_capture_on_commit_callbacks(execute=True):
        send_answer(staff_client, question, "Nog een tip.")
    question.refresh_from_db()
    assert question.answers.count() == 2
    assert question.first_answered_at == first  # only the first answer counts
    assert len(mail.outbox) == 2

    detail = staff_client.get(question.get_absolute_url()).content.decode()
    assert "Eerste antwoord" in detail and "na " in detail


def test_answer_needs_an_email_address(staff_client):
    question = QuestionFactory(email="", phone="0470 00 00 00")
    response = staff_client.post(action_url("answer", question), {"body": "Hallo"}, follow=True)
    assert "kan niet beantwoord worden" in response.content.decode()
    assert not question.answers.exists()
    assert mail.outbox == []
