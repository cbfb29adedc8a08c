"""The privacy of learner files: subject-access export, anonymisation and the retention task."""

import json
from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from matchmaking.learners import export as learner_export
from matchmaking.learners import privacy
from matchmaking.learners import services as learner_services
from matchmaking.learners.tasks import anonymise_old_learners
from matchmaking.models import Agreement, IllegalTransition, Learner, LearnerAccess
from tests.factories import PostcodeFactory, ProgrammeFactory, SchoolFactory, UserFactory
from tests.matchmaking.factories import AgreementFactory, LearnerFactory
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor():
    return UserFactory(email="coord@steunpunt.test")


@pytest.fixture
def learner(actor):
    first, second = ProgrammeFactory(name="Elektrische installaties"), ProgrammeFactory()
    learner = learner_services.register_learner(
        actor=actor,
        programmes=[first, second],
        first_name="Lotte",
        last_name="Vanhoutte",
        birth_date=date(2009, 5, 17),
        email="lotte@voorbeeld.be",
        phone="0470 12 34 56",
        street="Kerkstraat 4",
        postcode=PostcodeFactory(),
        parent_name="Marc Vanhoutte",
        parent_email="marc@voorbeeld.be",
        provider=SchoolFactory(),
        notes="Heeft dyslexie.",
        consent_given_on=timezone.localdate(),
        consent_given_by=Learner.ConsentBy.PARENT,
    )
    learner_services.record_learner_access(learner=learner, user=actor, what="dossier")
    return learner


def _end(learner, actor, on):
    learner_services.move_learner(
        learner=learner, action="end", actor=actor, reason="Lotte verhuisde"
    )
    Learner.objects.filter(pk=learner.pk).update(ended_on=on, status_changed_at=timezone.now())


# --- Export ----------------------------------------------------------------------------------


def test_the_json_export_holds_the_file_wishes_history_access_log_and_agreements(learner, actor):
    agreement = AgreementFactory(learner=learner)
    content, content_type = learner_export.export_learner(learner=learner, actor=actor, fmt="json")
    assert content_type.startswith("application/json")
    data = json.loads(content)
    assert data["jongere"] == str(learner.uuid)
    assert data["gegevens"]["voornaam"] == "Lotte"
    assert data["gegevens"]["naam ouder of voogd"] == "Marc Vanhoutte"
    assert data["gegevens"]["status"] == "Aangemeld"  # the label, not the code
    assert [w["voorkeur"] for w in data["wishes"]] == [1, 2]
    assert data["wishes"][0]["opleiding"].startswith("Elektrische installaties")
    assert [a["handeling"] for a in data["accesses"]] == ["Aangemaakt", "Bekeken", "Geëxporteerd"]
    assert data["accesses"][1]["gebruiker"] == str(actor)
    assert data["agreements"][0]["soort"].startswith("OAO")
    assert data["agreements"][0]["begindatum"] == agreement.start_date.isoformat()
    assert data["geschiedenis"][0]["soort wijziging"] == "aangemaakt"
    assert data["geschiedenis"][0]["e-mailadres"] == "lotte@voorbeeld.be"
    assert LearnerAccess.objects.filter(
        learner=learner, action=LearnerAccess.Action.EXPORT
    ).exists()


def test_the_export_collects_every_model_that_points_at_the_learner(learner, actor):
    """The hook: a model added later with a relation to Learner is in the export untouched."""
    expected = {
        relation.get_accessor_name()
        for relation in Learner._meta.related_objects
        if not relation.many_to_many
    }
    assert {"wishes", "accesses", "agreements"} <= expected
    sections = {s.key for s in learner_export.collect_learner_export(learner).sections}
    assert expected | {"geschiedenis"} <= sections
    # ...and every holder of the personal-data list that no reverse relation already shows
    assert {
        "matchmaking.proposal_steps",
        "matchmaking.agreement_history",
        "matchmaking.step_mails",
        "core.outbox",
        "core.admin_log",
        "core.job_failures",
    } <= sections


def test_the_pdf_export_shows_the_data(learner, actor):
    content, content_type = learner_export.export_learner(learner=learner, actor=actor, fmt="pdf")
    assert content_type == "application/pdf"
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "Lotte Vanhoutte" in text
    assert "Marc Vanhoutte" in text
    assert "Gewenste opleidingen" in text
    assert "Geschiedenis van het dossier" in text


def test_the_pdf_template_shows_every_section(learner, actor):
    """Every section, the dates the Belgian way, on the HTML WeasyPrint lays out."""
    AgreementFactory(learner=learner)
    export = learner_export.collect_learner_export(learner)
    html = render_to_string("pdf/learner_export.html", {"export": export, "learner": learner})
    assert "Inzage in het dossier van Lotte Vanhoutte" in html
    assert "17/05/2009" in html  # dates the Belgian way
    for section in export.sections:
        assert section.title in html
    assert "Niets bewaard." not in html.split("Overeenkomsten")[1].split("<h2>")[0]


def test_an_unknown_export_format_is_refused(learner, actor):
    with pytest.raises(ValueError):
        learner_export.export_learner(learner=learner, actor=actor, fmt="xml")


# --- Anonymisation ---------------------------------------------------------------------------


def test_anonymising_wipes_personal_data_and_keeps_what_is_counted(learner, actor):
    provider, postcode = learner.provider_id, learner.postcode_id
    assert privacy.anonymise_learner(learner=learner, actor=actor, reason="Verzoek van de ouder")
    learner.refresh_from_db()
    assert learner.first_name == "Geanonimiseerd"
    assert learner.full_name == "Geanonimiseerd"
    assert (learner.last_name, learner.email, learner.phone, learner.street) == ("", "", "", "")
    assert (learner.parent_name, learner.parent_email, learner.notes) == ("", "", "")
    assert learner.birth_date == date(2009, 1, 1)
    assert learner.status == Learner.Status.ENDED
    assert learner.end_reason == "Geanonimiseerd"
    assert learner.anonymised_at is not None
    assert (learner.provider_id, learner.postcode_id) == (provider, postcode)
    assert learner.wishes.count() == 2


def test_anonymising_scrubs_the_history_and_the_access_log(learner, actor):
    learner_services.update_learner(
        learner=learner, actor=actor, notes="Gesprek met de ouders gehad."
    )
    privacy.anonymise_learner(learner=learner, actor=actor)
    history = list(Learner.history.filter(id=learner.pk))
    assert len(history) >= 3
    for row in history:
        assert row.first_name == "Geanonimiseerd"
        assert (row.last_name, row.email, row.parent_name, row.notes) == ("", "", "", "")
        assert row.birth_date == date(2009, 1, 1)
    learner.refresh_from_db()
    dumped = json.dumps(learner_export.collect_learner_export(learner).as_dict(), default=str)
    for personal in ("Lotte", "Vanhoutte", "dyslexie", "Kerkstraat", "0470", "2009-05-17"):
        assert personal not in dumped
    accesses = LearnerAccess.objects.filter(learner=learner).order_by("at", "pk")
    assert accesses.count() >= 4  # kept: who looked, and when
    *earlier, last = accesses
    assert {access.what for access in earlier} == {""}
    assert (last.action, last.what, last.user) == ("change", "Geanonimiseerd", actor)


def test_anonymising_scrubs_the_reason_of_an_ended_agreement(learner, actor):
    agreement = AgreementFactory(learner=learner)
    learner_services.end_agreement(agreement=agreement, actor=actor, reason="Lotte was ziek")
    privacy.anonymise_learner(learner=Learner.objects.get(pk=learner.pk), actor=actor)
    agreement.refresh_from_db()
    assert agreement.end_reason == "Geanonimiseerd"
    assert set(Agreement.history.filter(id=agreement.pk).values_list("end_reason", flat=True)) <= {
        "",
        "Geanonimiseerd",
    }


def test_a_learner_with_a_current_agreement_is_not_anonymised(learner, actor):
    AgreementFactory(learner=learner)
    with pytest.raises(IllegalTransition, match="lopende overeenkomst"):
        privacy.anonymise_learner(learner=learner, actor=actor)
    learner.refresh_from_db()
    assert learner.first_name == "Lotte"
    assert learner.anonymised_at is None


def test_the_database_refuses_an_anonymised_file_that_is_still_open(learner):
    with pytest.raises(IntegrityError), transaction.atomic():
        Learner.objects.filter(pk=learner.pk).update(anonymised_at=timezone.now())


def test_anonymising_twice_changes_nothing(learner, actor):
    assert privacy.anonymise_learner(learner=learner, actor=actor)
    count = Learner.history.filter(id=learner.pk).count()
    assert privacy.anonymise_learner(learner=learner, actor=actor) is False
    assert Learner.history.filter(id=learner.pk).count() == count


# --- Retention -------------------------------------------------------------------------------


def test_the_task_anonymises_files_ended_longer_than_the_retention(learner, actor, settings):
    settings.MATCHMAKING_LEARNER_RETENTION_DAYS = 730
    today = timezone.localdate()
    _end(learner, actor, on=today - timedelta(days=731))
    recent = LearnerFactory()
    _end(recent, actor, on=today - timedelta(days=700))
    still_open = LearnerFactory()
    referred = LearnerFactory()
    learner_services.move_learner(
        learner=referred, action="refer", actor=actor, reason="Naar VDAB", pathway="vdab"
    )
    Learner.objects.filter(pk=referred.pk).update(
        status_changed_at=timezone.now() - timedelta(days=800)
    )

    assert anonymise_old_learners.apply().get() == 2

    learner.refresh_from_db()
    referred.refresh_from_db()
    recent.refresh_from_db()
    still_open.refresh_from_db()
    assert learner.is_anonymised and referred.is_anonymised
    assert referred.referral_reason == "Geanonimiseerd"
    assert not recent.is_anonymised and not still_open.is_anonymised
    assert anonymise_old_learners.apply().get() == 0  # idempotent


def test_the_retention_follows_the_setting(learner, actor, settings):
    _end(learner, actor, on=timezone.localdate() - timedelta(days=40))
    settings.MATCHMAKING_LEARNER_RETENTION_DAYS = 60
    assert privacy.anonymise_expired_learners() == 0
    settings.MATCHMAKING_LEARNER_RETENTION_DAYS = 30
    assert privacy.anonymise_expired_learners() == 1


def test_the_task_is_scheduled_nightly():
    task = PeriodicTask.objects.get(task="matchmaking.learners.tasks.anonymise_old_learners")
    assert task.enabled
    assert (task.crontab.hour, task.crontab.minute) == ("3", "30")
