"""The three follow-up lists: risk list, shared waiting list, recognised but inactive."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from matchmaking.lists.selectors import (
    add_nearest_workplaces,
    inactive_recognitions,
    risk_rows,
    training_days,
    waiting_groups,
)
from matchmaking.models import Agreement, Learner, Workplace
from tests.factories import (
    MembershipFactory,
    PersonFactory,
    PostcodeFactory,
    ProgrammeFactory,
    SubregionFactory,
)
from tests.matchmaking.factories import (
    AgreementFactory,
    CompanySiteFactory,
    LearnerFactory,
    LearnerWishFactory,
    RecognitionFactory,
    WorkplaceFactory,
)

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 9, 7)


def login(client, user):
    client.force_login(user)
    return client


# --- Training days ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "started, today, expected",
    [
        (MONDAY, MONDAY, 1),
        (MONDAY, MONDAY + timedelta(days=4), 5),  # Friday
        (MONDAY, MONDAY + timedelta(days=6), 5),  # Sunday: the weekend does not count
        (MONDAY, MONDAY + timedelta(days=7), 6),
        (MONDAY + timedelta(days=5), MONDAY + timedelta(days=7), 1),  # from a Saturday
        (MONDAY, MONDAY + timedelta(days=27), 20),  # four weeks
        (MONDAY + timedelta(days=1), MONDAY, 0),  # not started yet
    ],
)
def test_training_days_are_weekdays_since_the_start(started, today, expected):
    assert training_days(started, today) == expected


# --- Risk list -------------------------------------------------------------------------------


@pytest.fixture
def roeselare():
    return PostcodeFactory(code="8800", locality="Roeselare", latitude=50.946, longitude=3.123)


def at_risk(cast, days_ago, postcode, **kwargs):
    return LearnerFactory(
        provider=kwargs.pop("provider", cast["school"]),
        postcode=postcode,
        programme_started_on=timezone.localdate() - timedelta(days=days_ago),
        **kwargs,
    )


def test_the_risk_list_puts_the_most_urgent_first(cast, settings, roeselare):
    settings.MATCHMAKING_RISK_TRAINING_DAYS = 20
    recent = at_risk(cast, 7, roeselare, last_name="Recent")
    overdue = at_risk(cast, 60, roeselare, last_name="Laat")
    middle = at_risk(cast, 21, roeselare, last_name="Midden")
    at_risk(cast, -3, roeselare, last_name="Toekomst")  # starts later: not on the list
    LearnerFactory(provider=cast["school"], postcode=roeselare)  # no start date
    with_agreement = at_risk(cast, 30, roeselare, status=Learner.Status.AGREEMENT)
    AgreementFactory(learner=with_agreement)
    rows = risk_rows(cast["coordinator"])
    assert [r.learner for r in rows] == [overdue, middle, recent]
    assert rows[0].days_left == 0 and rows[0].is_overdue
    today = timezone.localdate()
    assert rows[2].days_spent == training_days(recent.programme_started_on, today)
    assert rows[2].days_left == 20 - rows[2].days_spent


def test_an_ended_agreement_puts_the_learner_back_on_the_list(cast, roeselare):
    learner = at_risk(cast, 30, roeselare, status=Learner.Status.SEARCHING)
    AgreementFactory(learner=learner, status=Agreement.Status.ENDED, end_reason="Afgesprongen")
    assert [r.learner for r in risk_rows(cast["coordinator"])] == [learner]


def test_a_school_contact_sees_only_its_own_learners_at_risk(cast, roeselare):
    own = at_risk(cast, 10, roeselare)
    at_risk(cast, 10, roeselare, provider=cast["other_school"])
    assert [r.learner for r in risk_rows(cast["school_contact"])] == [own]


def test_the_nearest_free_workplaces_of_the_wished_programmes(cast, roeselare):
    electricity, hairdresser = ProgrammeFactory(), ProgrammeFactory()
    learner = at_risk(cast, 10, roeselare)
    LearnerWishFactory(learner=learner, programme=electricity, rank=1)
    LearnerWishFactory(learner=learner, programme=hairdresser, rank=2)

    def workplace(programme, lat, lon, name, **kwargs):
        postcode = PostcodeFactory(latitude=lat, longitude=lon)
        site = CompanySiteFactory(postcode=postcode, organisation__name=name)
        return WorkplaceFactory(site=site, programme=programme, **kwargs)

    izegem = workplace(electricity, 50.914, 3.214, "Izegem BV")  # ≈ 7 km
    brugge = workplace(hairdresser, 51.209, 3.224, "Brugge BV")  # ≈ 30 km
    kortrijk = workplace(electricity, 50.828, 3.265, "Kortrijk BV")  # ≈ 17 km
    workplace(electricity, 50.95, 3.13, "Volzet BV", status=Workplace.Status.FULL)
    full = workplace(electricity, 50.947, 3.124, "Bezet BV", places=1)
    AgreementFactory(workplace=full)  # its one place is taken
    workplace(ProgrammeFactory(), 50.946, 3.123, "Andere opleiding BV")
    workplace(electricity, 50.5, 2.6, "Ver weg BV")  # fourth nearest: not shown

    rows = risk_rows(cast["coordinator"])
    add_nearest_workplaces(rows)
    nearest = rows[0].nearest
    assert [n.workplace for n in nearest] == [izegem, kortrijk, brugge]
    assert 5 < nearest[0].distance_km < 9
    assert nearest[0].distance_label == "7 km"


def test_the_risk_list_page(client, cast, roeselare, django_assert_max_num_queries, settings):
    settings.MATCHMAKING_RISK_TRAINING_DAYS = 12
    programme = ProgrammeFactory(name="Elektrische installaties")
    for index in range(12):
        learner = at_risk(cast, 10 + index, roeselare)
        LearnerWishFactory(learner=learner, programme=programme)
        LearnerWishFactory(learner=learner, rank=2)
    site = CompanySiteFactory(organisation__name="Elektro Vanneste BV", postcode=roeselare)
    WorkplaceFactory(site=site, programme=programme, places=3)
    client = login(client, cast["school_contact"])
    # session + user + role groups, the user's organisations (the scope), the learners at
    # risk, their wishes with programmes, and the workplaces of those programmes.
    with django_assert_max_num_queries(9):
        response = client.get(reverse("matchmaking:risk_list"))
    content = response.content.decode()
    assert "12 jongeren zonder overeenkomst" in content
    assert "Elektro Vanneste BV, Roeselare" in content
    assert "3 plaatsen vrij" in content
    assert "Termijn voorbij" in content  # the oldest started 21 days (15+ weekdays) ago
    assert "na 12 opleidingsdagen" in content


def test_the_empty_risk_list_says_so(client, cast):
    response = login(client, cast["coordinator"]).get(reverse("matchmaking:risk_list"))
    assert "Geen jongeren op de risicolijst." in response.content.decode()


# --- Shared waiting list ---------------------------------------------------------------------


def searching(provider, postcode, programme, days, **kwargs):
    learner = LearnerFactory(
        provider=provider,
        postcode=postcode,
        status=Learner.Status.SEARCHING,
        status_changed_at=timezone.now() - timedelta(days=days),
        **kwargs,
    )
    LearnerWishFactory(learner=learner, programme=programme, rank=1)
    return learner


def test_the_waiting_list_groups_per_subregion_and_first_wish(cast):
    midwest, north = (
        SubregionFactory(name="Midden-West-Vlaanderen", order=1),
        SubregionFactory(name="Noord-West-Vlaanderen", order=2),
    )
    roeselare = PostcodeFactory(subregion=midwest)
    brugge = PostcodeFactory(subregion=north)
    electricity = ProgrammeFactory(name="Elektrische installaties")
    own = searching(cast["school"], roeselare, electricity, 12, last_name="Eigen")
    others = searching(cast["other_school"], roeselare, electricity, 40, last_name="Ander")
    searching(cast["other_school"], brugge, electricity, 3)
    LearnerFactory(provider=cast["school"], postcode=roeselare)  # registered, not searching

    groups = waiting_groups(cast["school_contact"])
    assert [(g.subregion, g.programme, g.count) for g in groups] == [
        (midwest, electricity, 2),
        (north, electricity, 1),
    ]
    first = groups[0]
    assert [w.learner for w in first.learners] == [others, own]  # longest waiting first
    assert [w.learner for w in first.visible_learners] == [own]
    assert first.others_count == 1
    assert first.longest_wait == 40 and first.average_wait == 26
    assert waiting_groups(cast["coordinator"], subregion=north)[0].subregion == north


def test_the_waiting_list_page_hides_other_schools_names(client, cast):
    postcode = PostcodeFactory()
    programme = ProgrammeFactory(name="Kapper-stylist")
    searching(cast["school"], postcode, programme, 5, first_name="Lotte", last_name="Eigen")
    searching(cast["other_school"], postcode, programme, 9, first_name="Ruben", last_name="Ander")
    content = login(client, cast["school_contact"]).get(reverse("matchmaking:waiting_list"))
    content = content.content.decode()
    assert "2 jongeren zoeken een werkplek" in content
    assert "Lotte Eigen" in content
    assert "Ruben" not in content and "Ander" not in content
    assert "1 jongere van een andere school" in content
    assert "9 dagen" in content  # the longest wait counts the other school's learner
    content = login(client, cast["coordinator"]).get(reverse("matchmaking:waiting_list"))
    assert "Ruben Ander" in content.content.decode()


def test_the_waiting_list_reads_in_a_fixed_number_of_queries(
    client, cast, django_assert_max_num_queries
):
    postcode = PostcodeFactory()
    for index in range(20):
        searching(
            cast["school"] if index % 2 else cast["other_school"],
            postcode,
            ProgrammeFactory(),
            index,
        )
    client = login(client, cast["school_contact"])
    # session + user + role groups, the subregion choices, the searching learners (with the
    # first wish), the user's organisations and visible ids, and the programmes.
    with django_assert_max_num_queries(9):
        response = client.get(reverse("matchmaking:waiting_list"))
    assert "20 jongeren zoeken een werkplek" in response.content.decode()


def test_the_empty_waiting_list_says_so(client, cast):
    response = login(client, cast["school_contact"]).get(reverse("matchmaking:waiting_list"))
    assert "Niemand zoekt op dit moment een werkplek." in response.content.decode()


# --- Recognised but inactive -----------------------------------------------------------------


@pytest.fixture
def inactive_setup(cast, settings):
    settings.MATCHMAKING_INACTIVE_YEARS = 2
    today = timezone.localdate()
    programme = ProgrammeFactory(name="Elektrische installaties")
    quiet = RecognitionFactory(programme=programme, site__organisation__name="Stil BV")
    contact = PersonFactory(first_name="Els", last_name="Stil", email="=cmd|' /C calc'!A0")
    MembershipFactory(person=contact, organisation=quiet.site.organisation, is_primary_contact=True)
    MembershipFactory(organisation=quiet.site.organisation)  # not primary: not shown
    old = RecognitionFactory(programme=programme, site__organisation__name="Lang Geleden BV")
    AgreementFactory(
        workplace=WorkplaceFactory(site=old.site, programme=programme),
        start_date=today - timedelta(days=3 * 365),
        status=Agreement.Status.ENDED,
        end_reason="Afgelopen",
        end_date=today - timedelta(days=2 * 365 + 30),
    )
    active = RecognitionFactory(programme=programme, site__organisation__name="Actief BV")
    AgreementFactory(
        workplace=WorkplaceFactory(site=active.site, programme=programme),
        start_date=today - timedelta(days=100),
    )
    RecognitionFactory(
        site__organisation__name="Verlopen BV", valid_until=today - timedelta(days=1)
    )
    return {"quiet": quiet, "old": old, "active": active, "contact": contact}


def test_inactive_recognised_sites(inactive_setup):
    recognitions = list(inactive_recognitions())
    assert set(recognitions) == {inactive_setup["quiet"], inactive_setup["old"]}
    by_pk = {r.pk: r for r in recognitions}
    assert by_pk[inactive_setup["quiet"].pk].last_agreement_on is None
    assert by_pk[inactive_setup["old"].pk].last_agreement_on is not None


def test_the_inactive_years_follow_the_setting(inactive_setup, settings):
    settings.MATCHMAKING_INACTIVE_YEARS = 4
    assert list(inactive_recognitions()) == [inactive_setup["quiet"]]


def test_the_inactive_list_page_with_contacts_and_filters(
    client, cast, inactive_setup, django_assert_max_num_queries
):
    client = login(client, cast["coordinator"])
    # session + user + role groups, the filter choices (subregions, programmes), the count,
    # the page of recognitions, and the companies' contacts.
    with django_assert_max_num_queries(10):
        response = client.get(reverse("matchmaking:inactive_list"))
    content = response.content.decode()
    assert "2 erkenningen" in content
    assert "Stil BV" in content and "Lang Geleden BV" in content
    assert "Actief BV" not in content and "Verlopen BV" not in content
    assert "Els Stil" in content
    assert "nooit" in content
    other = ProgrammeFactory()
    response = client.get(reverse("matchmaking:inactive_list"), {"programme": other.pk})
    assert "Geen inactieve erkende ondernemingen gevonden." in response.content.decode()


def test_the_inactive_list_as_csv_neutralises_formulas(client, cast, inactive_setup):
    response = login(client, cast["coordinator"]).get(
        reverse("matchmaking:inactive_list"), {"format": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Subregio", "Opleiding", "Onderneming"]
    quiet = next(row for row in rows if row[2] == "Stil BV")
    assert quiet[10] == "Els Stil"
    assert quiet[11] == "'=cmd|' /C calc'!A0"
    assert len(rows) == 3


def test_the_inactive_list_is_for_coordinators(client, cast):
    response = login(client, cast["school_contact"]).get(reverse("matchmaking:inactive_list"))
    assert response.status_code == 403


def test_an_unknown_inactive_format_is_a_404(client, cast):
    response = login(client, cast["coordinator"]).get(
        reverse("matchmaking:inactive_list"), {"format": "xlsx"}
    )
    assert response.status_code == 404
