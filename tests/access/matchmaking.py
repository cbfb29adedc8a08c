"""Access matrix: matchmaking (admin only so far; the pages arrive with their own part).

Coordinators manage every matchmaking model in the admin; the POF secretariat and everyone
else get a 403 there. The access log of learner files is written by the services only, so no
role can add or delete one of its rows in the admin; agreements are registered through
the service (the learner's status follows), never added in the admin.
"""

from tests.access.rules import Rule  # noqa: F401

RULES: dict[str, Rule] = {}

ADMIN_NEVER = (
    "admin:matchmaking_agreement_add",  # registered through the service: the learner follows
    "admin:matchmaking_learneraccess_add",
    "admin:matchmaking_learneraccess_delete",
    "admin:matchmaking_recognitionwarning_add",  # written by the nightly recognition watch
)


def admin_objects(cast):
    from tests.matchmaking.factories import (
        AgreementFactory,
        CandidateReferralFactory,
        LearnerAccessFactory,
        LearnerFactory,
        LearnerWishFactory,
    )

    learner = LearnerFactory(provider=cast["school"])
    LearnerWishFactory(learner=learner)
    LearnerAccessFactory(learner=learner, user=cast["school_contact"])
    AgreementFactory(workplace__site__organisation=cast["company"])
    CandidateReferralFactory(providers=[cast["school"]])
    from matchmaking.models import RecognitionWarning
    from tests.matchmaking.factories import RecognitionFactory

    recognition = RecognitionFactory()
    RecognitionWarning.objects.create(
        recognition=recognition, threshold_days=60, valid_until=recognition.valid_until
    )
