"""The learner pages: list, register, file, edit, status changes, export and erasure."""

import json
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from matchmaking.learners import services as learner_services
from matchmaking.models import Learner, LearnerAccess
from tests.factories import PartnerFactory, PostcodeFactory, ProgrammeFactory
from tests.matchmaking.factories import AgreementFactory, LearnerFactory, LearnerWishFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(cast):
    learner = LearnerFactory(
        provider=cast["school"], first_name="Lotte", last_name="Vanhoutte", notes="Fietst graag."
    )
    LearnerWishFactory(learner=learner, programme=ProgrammeFactory(name="Kapper-stylist"), rank=1)
    return learner


@pytest.fixture
def other(cast):
    return LearnerFactory(provider=cast["other_school"], first_name="Ruben", last_name="Desmet")


def login(client, user):
    client.force_login(user)
    return client


def accesses(learner, action=None):
    rows = LearnerAccess.objects.filter(learner=learner)
    return rows.filter(action=action) if action else rows


# --- List ------------------------------------------------------------------------------------


def test_the_coordinator_lists_every_learner(client, cast, own, other):
    response = login(client, cast["coordinator"]).get(reverse("matchmaking:learner_list"))
    content = response.content.decode()
    assert "Vanhoutte Lotte" in content and "Desmet Ruben" in content
    assert "1. Kapper-stylist" in content
    assert "2 jongeren" in content


def test_a_school_contact_lists_only_its_own_learners(client, cast, own, other):
    response = login(client, cast["school_contact"]).get(reverse("matchmaking:learner_list"))
    content = response.content.decode()
    assert "Vanhoutte Lotte" in content
    assert "Desmet" not in content
    assert "Andere scholen zien ze niet" in content


def test_the_list_filters_by_name_status_and_programme(client, cast, own, other):
    client = login(client, cast["coordinator"])
    url = reverse("matchmaking:learner_list")
    content = client.get(url, {"q": "hout"}).content.decode()
    assert "Vanhoutte" in content and "Desmet" not in content
    programme = own.wishes.get().programme
    content = client.get(url, {"programme": programme.pk}).content.decode()
    assert "Vanhoutte" in content and "Desmet" not in content
    Learner.objects.filter(pk=other.pk).update(status=Learner.Status.SEARCHING)
    content = client.get(url, {"status": "searching"}).content.decode()
    assert "Desmet" in content and "Vanhoutte" not in content
    content = client.get(url, {"q": "niemand"}).content.decode()
    assert "Geen jongeren gevonden met deze filters." in content


def test_the_empty_list_explains_what_to_do(client, cast):
    content = login(client, cast["school_contact"]).get(reverse("matchmaking:learner_list"))
    assert "Er zijn nog geen jongeren aangemeld." in content.content.decode()


def test_the_list_paginates_in_a_fixed_number_of_queries(
    client, cast, django_assert_max_num_queries
):
    for _ in range(30):
        learner = LearnerFactory(provider=cast["school"])
        LearnerWishFactory(learner=learner)
    client = login(client, cast["school_contact"])
    # session + user + role groups, the user's organisations (filter choices and the scope),
    # the count, the page of learners (with provider, postcode, subregion), their wishes
    # (with programmes), and the filter's choices (subregions, programmes, providers).
    with django_assert_max_num_queries(14):
        response = client.get(reverse("matchmaking:learner_list"))
    assert response.context["page_obj"].paginator.num_pages == 2
    assert len(response.context["learners"]) == 25


# --- Register --------------------------------------------------------------------------------


def _form_data(cast, **overrides):
    first, second = ProgrammeFactory(name="Elektrische installaties"), ProgrammeFactory()
    PostcodeFactory(code="8800", locality="Roeselare")
    data = {
        "first_name": "Yana",
        "last_name": "Claeys",
        "birth_date": (timezone.localdate() - timedelta(days=16 * 365)).isoformat(),
        "email": "yana@voorbeeld.be",
        "postcode": "8800",
        "parent_name": "An Claeys",
        "parent_email": "an@voorbeeld.be",
        "provider": cast["school"].pk,
        "programme_1": first.pk,
        "programme_2": second.pk,
        "programme_3": "",
        "max_distance_km": 20,
        "transport_bike": "on",
        "consent_given_on": timezone.localdate().isoformat(),
        "consent_given_by": "parent",
    }
    data.update(overrides)
    return data


def test_a_school_contact_registers_a_learner_with_wishes_in_order(client, cast):
    data = _form_data(cast)
    response = login(client, cast["school_contact"]).post(
        reverse("matchmaking:learner_create"), data
    )
    learner = Learner.objects.get(last_name="Claeys")
    assert response.status_code == 302 and response.url == learner.get_absolute_url()
    assert learner.provider == cast["school"]
    assert learner.postcode.code == "8800"
    assert [(w.rank, w.programme_id) for w in learner.wishes.order_by("rank")] == [
        (1, data["programme_1"]),
        (2, data["programme_2"]),
    ]
    assert accesses(learner, LearnerAccess.Action.CREATE).get().user == cast["school_contact"]


def test_a_school_contact_cannot_register_for_another_school(client, cast):
    data = _form_data(cast, provider=cast["other_school"].pk)
    response = login(client, cast["school_contact"]).post(
        reverse("matchmaking:learner_create"), data
    )
    assert response.status_code == 400
    assert "provider" in response.context["form"].errors
    assert not Learner.objects.exists()


def test_a_minor_needs_a_parent_contact_and_the_input_is_kept(client, cast):
    data = _form_data(cast, parent_name="", parent_email="")
    response = login(client, cast["school_contact"]).post(
        reverse("matchmaking:learner_create"), data
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Voor een minderjarige is de naam van een ouder of voogd verplicht." in content
    assert 'value="Yana"' in content and 'value="8800"' in content
    assert not Learner.objects.exists()


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"programme_2": "same"}, "programme_2", "Deze opleiding staat al bij een vorige keuze."),
        ({"programme_2": "", "programme_3": "any"}, "programme_3", "Vul eerst de tweede keuze in."),
        ({"programme_1": ""}, "programme_1", "Dit veld is verplicht."),
        ({"postcode": "0001"}, "postcode", "Deze postcode kennen we niet."),
    ],
)
def test_wishes_and_postcode_are_validated_in_dutch(client, cast, overrides, field, message):
    data = _form_data(cast)
    if overrides.get("programme_2") == "same":
        overrides["programme_2"] = data["programme_1"]
    if overrides.get("programme_3") == "any":
        overrides["programme_3"] = ProgrammeFactory().pk
    data.update(overrides)
    response = login(client, cast["coordinator"]).post(reverse("matchmaking:learner_create"), data)
    assert response.status_code == 400
    assert any(message in error for error in response.context["form"].errors[field])
    assert not Learner.objects.exists()


# --- File ------------------------------------------------------------------------------------


def test_the_file_shows_everything_and_logs_the_view(client, cast, own):
    response = login(client, cast["school_contact"]).get(own.get_absolute_url())
    content = response.content.decode()
    assert "Lotte Vanhoutte" in content
    assert "Fietst graag." in content
    assert "tot 20 km · fiets, openbaar vervoer" in " ".join(content.split())
    assert "Kapper-stylist" in content
    assert "Nog geen overeenkomst." in content
    assert "Geschiedenis" in content
    view = accesses(own, LearnerAccess.Action.VIEW).get()
    assert view.user == cast["school_contact"]


def test_only_coordinators_see_the_access_log_and_the_privacy_actions(client, cast, own):
    content = login(client, cast["school_contact"]).get(own.get_absolute_url()).content.decode()
    assert "Wie bekeek of wijzigde dit dossier" not in content
    assert "Persoonsgegevens wissen" not in content
    content = login(client, cast["coordinator"]).get(own.get_absolute_url()).content.decode()
    assert "Wie bekeek of wijzigde dit dossier" in content
    assert str(cast["school_contact"]) in content  # the earlier view is in the log
    assert "Persoonsgegevens wissen" in content


def test_the_file_says_when_there_is_no_proposal_yet(client, cast, own):
    content = login(client, cast["coordinator"]).get(own.get_absolute_url()).content.decode()
    assert "Nog geen voorstel voor deze jongere." in content


def test_the_file_lists_accepted_proposals_but_not_a_preview(client, cast, own):
    from matchmaking.models import Proposal
    from tests.matchmaking.runs_factories import ProposalFactory

    accepted = ProposalFactory(learner=own, status=Proposal.Status.PROPOSED)
    ProposalFactory(learner=own, status=Proposal.Status.OPEN)
    response = login(client, cast["school_contact"]).get(own.get_absolute_url())
    assert [p.pk for p in response.context["proposals"]] == [accepted.pk]
    content = response.content.decode()
    assert reverse("matchmaking:proposal_detail", args=[accepted.uuid]) in content
    assert "Voorgesteld" in content


def test_another_schools_contact_gets_a_404_and_nothing_is_logged(client, cast, own):
    response = login(client, cast["outsider"]).get(own.get_absolute_url())
    assert response.status_code == 404
    assert not accesses(own).exists()


def test_the_file_lists_agreements(client, cast, own):
    AgreementFactory(learner=own, workplace__site__organisation=cast["company"])
    content = login(client, cast["coordinator"]).get(own.get_absolute_url()).content.decode()
    assert "Elektro Vanneste BV" in content
    assert "OAO (overeenkomst alternerende opleiding)" in content


# --- Edit ------------------------------------------------------------------------------------


def test_editing_saves_the_change_and_logs_it(client, cast, own):
    client = login(client, cast["school_contact"])
    form = client.get(reverse("matchmaking:learner_edit", kwargs={"uuid": own.uuid}))
    data = {k: v for k, v in form.context["form"].initial.items() if v is not None}
    data.update(
        postcode=own.postcode.code,
        birth_date=own.birth_date.isoformat(),
        consent_given_on=own.consent_given_on.isoformat(),
        provider=own.provider_id,
        programme_1=own.wishes.get().programme_id,
        notes="Zoekt in de buurt van Izegem.",
    )
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    response = client.post(reverse("matchmaking:learner_edit", kwargs={"uuid": own.uuid}), data)
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.notes == "Zoekt in de buurt van Izegem."
    assert own.first_name == "Lotte"
    change = accesses(own, LearnerAccess.Action.CHANGE).get()
    assert change.what == "notes"
    assert accesses(own, LearnerAccess.Action.VIEW).get().what == "wijzigformulier"


def test_an_anonymised_file_cannot_be_edited(client, cast, own):
    Learner.objects.filter(pk=own.pk).update(
        status=Learner.Status.ENDED, end_reason="x", anonymised_at=timezone.now()
    )
    response = login(client, cast["coordinator"]).get(
        reverse("matchmaking:learner_edit", kwargs={"uuid": own.uuid}), follow=True
    )
    assert "Dit dossier is geanonimiseerd" in response.content.decode()


# --- Status changes --------------------------------------------------------------------------


def move(client, learner, action, **fields):
    data = {"action": action, **{f"{action}-{k}": v for k, v in fields.items()}}
    return client.post(reverse("matchmaking:learner_move", kwargs={"uuid": learner.uuid}), data)


def test_screening_then_starting_the_search(client, cast, own):
    client = login(client, cast["school_contact"])
    assert move(client, own, "screen", readiness="arbeidsrijp").status_code == 302
    own.refresh_from_db()
    assert own.status == Learner.Status.SCREENED
    assert own.screened_by == cast["school_contact"]
    assert move(client, own, "start_search").status_code == 302
    own.refresh_from_db()
    assert own.status == Learner.Status.SEARCHING
    assert accesses(own, LearnerAccess.Action.CHANGE).count() == 2


def test_a_screening_date_in_the_future_is_refused(client, cast, own):
    client = login(client, cast["school_contact"])
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = move(client, own, "screen", readiness="arbeidsrijp", on=tomorrow.isoformat())
    assert response.status_code == 400
    assert "Een screening ligt niet in de toekomst." in response.content.decode()
    move(client, own, "screen", readiness="arbeidsrijp", on="2026-09-01")
    own.refresh_from_db()
    assert own.screened_on == date(2026, 9, 1)


def test_a_change_not_offered_in_this_status_says_why(client, cast, own):
    client = login(client, cast["coordinator"])
    move(client, own, "end", reason="Verhuisd")
    response = move(client, own, "refer", pathway="vdab", reason="Toch naar VDAB")
    assert response.status_code == 302
    response = client.get(response.url)
    assert "Deze jongere is al beëindigd of doorverwezen." in response.content.decode()
    own.refresh_from_db()
    assert own.status == Learner.Status.ENDED


def test_a_refused_change_shows_the_reason_in_dutch(client, cast, own):
    Learner.objects.filter(pk=own.pk).update(consent_given_on=None, consent_given_by="")
    client = login(client, cast["coordinator"])
    move(client, own, "screen", readiness="arbeidsbereid")
    response = move(client, own, "start_search")
    assert response.status_code == 400
    assert "Zonder toestemming zoeken we geen werkplek" in response.content.decode()
    own.refresh_from_db()
    assert own.status == Learner.Status.SCREENED


def test_ending_needs_a_reason_and_keeps_the_input(client, cast, own):
    client = login(client, cast["coordinator"])
    response = move(client, own, "end", reason="")
    assert response.status_code == 400
    assert "Dit veld is verplicht." in response.content.decode()
    response = move(client, own, "end", reason="Stopt met school")
    own.refresh_from_db()
    assert own.status == Learner.Status.ENDED and own.end_reason == "Stopt met school"


def test_referring_to_a_partner_or_a_pathway(client, cast, own):
    client = login(client, cast["coordinator"])
    response = move(client, own, "refer", reason="Eerst een welzijnstraject")
    assert response.status_code == 400
    assert "Kies een partnerorganisatie of een traject." in response.content.decode()
    assert "Eerst een welzijnstraject" in response.content.decode()  # input kept
    partner = PartnerFactory(name="CAW Centraal West-Vlaanderen")
    move(client, own, "refer", to=partner.pk, pathway="welfare", reason="Welzijnstraject")
    own.refresh_from_db()
    assert own.status == Learner.Status.REFERRED
    assert own.referred_to == partner and own.referred_pathway == "welfare"


def test_status_changes_are_refused_to_outsiders_and_unknown_actions(client, cast, own):
    assert move(login(client, cast["outsider"]), own, "end", reason="x").status_code == 404
    assert move(login(client, cast["coordinator"]), own, "delete").status_code == 404
    own.refresh_from_db()
    assert own.status == Learner.Status.REGISTERED


# --- Export and erasure ----------------------------------------------------------------------


def test_the_coordinator_exports_the_file_as_json(client, cast, own):
    url = reverse("matchmaking:learner_export", kwargs={"uuid": own.uuid})
    response = login(client, cast["coordinator"]).get(url, {"format": "json"})
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["gegevens"]["familienaam"] == "Vanhoutte"
    assert accesses(own, LearnerAccess.Action.EXPORT).count() == 1


def test_the_export_as_pdf_and_refusals(client, cast, own):
    url = reverse("matchmaking:learner_export", kwargs={"uuid": own.uuid})
    response = login(client, cast["coordinator"]).get(url, {"format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert login(client, cast["coordinator"]).get(url, {"format": "xml"}).status_code == 404
    assert login(client, cast["school_contact"]).get(url).status_code == 403


def test_the_erasure_asks_for_confirmation_first(client, cast, own):
    client = login(client, cast["coordinator"])
    url = reverse("matchmaking:learner_anonymise", kwargs={"uuid": own.uuid})
    content = client.get(url).content.decode()
    assert "Van de geboortedatum blijft alleen het jaar over" in content
    response = client.post(url, {"reason": "Verzoek van de ouders"})
    assert response.status_code == 400
    assert "Vink aan dat je de gegevens definitief wilt wissen." in response.content.decode()
    assert "Verzoek van de ouders" in response.content.decode()
    own.refresh_from_db()
    assert not own.is_anonymised


def test_the_erasure_wipes_the_file(client, cast, own):
    client = login(client, cast["coordinator"])
    url = reverse("matchmaking:learner_anonymise", kwargs={"uuid": own.uuid})
    response = client.post(url, {"reason": "Verzoek van de ouders", "confirm": "on"}, follow=True)
    assert "De persoonsgegevens van dit dossier zijn gewist." in response.content.decode()
    own.refresh_from_db()
    assert own.is_anonymised and own.first_name == "Geanonimiseerd"
    assert own.end_reason == "Geanonimiseerd"
    assert own.birth_date.month == 1 and own.birth_date.day == 1


def test_the_erasure_is_refused_during_an_agreement(client, cast, own):
    AgreementFactory(learner=own)
    client = login(client, cast["coordinator"])
    url = reverse("matchmaking:learner_anonymise", kwargs={"uuid": own.uuid})
    assert "Beëindig eerst de overeenkomst" in client.get(url).content.decode()
    response = client.post(url, {"reason": "Verzoek", "confirm": "on"})
    assert response.status_code == 400
    assert "lopende overeenkomst" in response.content.decode()
    own.refresh_from_db()
    assert not own.is_anonymised


# --- Mijn portaal ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role, sees, sees_inactive",
    [
        ("coordinator", True, True),
        ("school_contact", True, False),
        ("company_contact", False, False),
    ],
)
def test_my_portal_links_to_the_learner_pages(client, cast, role, sees, sees_inactive):
    content = login(client, cast[role]).get(reverse("core:my_portal")).content.decode()
    assert (reverse("matchmaking:learner_list") in content) is sees
    assert (reverse("matchmaking:risk_list") in content) is sees
    assert (reverse("matchmaking:inactive_list") in content) is sees_inactive


def test_birth_dates_are_shown_the_belgian_way(client, cast):
    learner = LearnerFactory(provider=cast["school"], birth_date=date(2009, 5, 17))
    content = login(client, cast["coordinator"]).get(learner.get_absolute_url()).content.decode()
    assert "17/05/2009" in content


def test_the_file_reads_in_a_fixed_number_of_queries(
    client, cast, own, django_assert_max_num_queries
):
    for index in range(5):
        learner_services.update_learner(
            learner=own, actor=cast["coordinator"], notes=f"Notitie {index}"
        )
        learner_services.record_learner_access(learner=own, user=cast["school_contact"])
    AgreementFactory(learner=own)
    client = login(client, cast["coordinator"])
    # session + user + role groups, the learner (with provider and postcode), the log row
    # written, its subregion and site, the wishes, the history (with users), the agreements
    # (with site, company and programme), the access log (with users), the partners of the
    # refer form, and the savepoints around the log row.
    with django_assert_max_num_queries(20):
        response = client.get(own.get_absolute_url())
    assert "Notitie 4" in response.content.decode()
    assert len(response.context["history"]) == 6  # created + five changes
    assert len(response.context["accesses"]) == 11  # five changes, five views and this one
