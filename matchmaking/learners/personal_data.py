"""Everything in matchmaking that can hold a learner's personal data, on one list.

`register_learner_personal_data()` (MatchmakingConfig.ready) puts each kind of row in the core
registry (steunpunt.core.personal_data) with how an erasure treats each field; the
subject-access export (learners/export.py: collect_learner_export) and the erasure
(learners/privacy.py: anonymise_learner) both read this list, and the core's own holders add
the outbox rows, job failures and admin log entries. `NOT_PERSONAL` names, with the reason,
every other text field of a matchmaking model: tests/matchmaking/test_personal_data_list.py
fails for a text field that is on neither list, so a new field waits for someone to decide.
"""

from __future__ import annotations

from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from steunpunt.core.models import OutboxMessage
from steunpunt.core.personal_data import (
    BLANK,
    OUTBOX_EXPORT_FIELDS,
    PLACEHOLDER_IF_FILLED,
    REPLACE,
    Holder,
    Subject,
    Traces,
    registry,
)

from ..models import (
    Agreement,
    FixedMatch,
    Learner,
    LearnerAccess,
    MatchExclusion,
    Proposal,
    ProposalTransition,
    UnmatchedLearner,
)

# The learner's own fields: identifying ones are emptied, the first name and the reasons the
# database requires on a closed file become the placeholder.
LEARNER_FIELDS = {
    "first_name": PLACEHOLDER_IF_FILLED,
    "last_name": BLANK,
    "email": BLANK,
    "phone": BLANK,
    "street": BLANK,
    "parent_name": BLANK,
    "parent_email": BLANK,
    "parent_phone": BLANK,
    "notes": BLANK,
    "end_reason": PLACEHOLDER_IF_FILLED,
    "referral_reason": PLACEHOLDER_IF_FILLED,
}
TRACE_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "street",
    "parent_name",
    "parent_email",
    "parent_phone",
)
# The batch of the outbox rows that mail one proposal step (runs/services.py: _mail_transition).
STEP_MAIL_BATCH = "matchmaking-proposal-step-{pk}"

# Text fields of matchmaking models that hold no learner's personal data, and why.
NOT_PERSONAL = {
    # Codes from a fixed list of choices (no free text).
    **{
        ("matchmaking.learner", name): "choice"
        for name in ("readiness", "consent_given_by", "status", "referred_pathway")
    },
    **{
        ("matchmaking.historicallearner", name): "choice"
        for name in ("readiness", "consent_given_by", "status", "referred_pathway")
    },
    ("matchmaking.learneraccess", "action"): "choice",
    ("matchmaking.agreement", "type"): "choice",
    ("matchmaking.agreement", "status"): "choice",
    ("matchmaking.historicalagreement", "type"): "choice",
    ("matchmaking.historicalagreement", "status"): "choice",
    ("matchmaking.proposal", "status"): "choice",
    ("matchmaking.proposaltransition", "from_status"): "choice",
    ("matchmaking.proposaltransition", "to_status"): "choice",
    ("matchmaking.matchingrun", "status"): "choice",
    ("matchmaking.workplace", "status"): "choice",
    ("matchmaking.historicalworkplace", "status"): "choice",
    ("matchmaking.recognition", "status"): "choice",
    ("matchmaking.historicalrecognition", "status"): "choice",
    ("matchmaking.candidatecompany", "status"): "choice",
    ("matchmaking.historicalcandidatecompany", "status"): "choice",
    # simple_history's "+", "~", "-" of every history model.
    **{
        (f"matchmaking.historical{model}", "history_type"): "choice"
        for model in ("learner", "agreement", "workplace", "recognition", "candidatecompany")
    },
    # A company site's recognition, workplace and the engine's run: about places, not people.
    ("matchmaking.recognition", "reference"): "a recognition number of the company site",
    ("matchmaking.historicalrecognition", "reference"): "a recognition number",
    ("matchmaking.historicalrecognition", "history_change_reason"): "services' fixed reasons",
    ("matchmaking.workplace", "description"): "a public description of the workplace",
    ("matchmaking.historicalworkplace", "description"): "a public description of the workplace",
    ("matchmaking.historicalworkplace", "history_change_reason"): "services' fixed reasons",
    ("matchmaking.matchingrun", "step"): "the engine's progress text",
    ("matchmaking.matchingrun", "error"): "a technical error of the whole run",
    ("matchmaking.matchingrun", "weights"): "the weights of the run (numbers)",
    # A candidate company and its contact person: personal data of a company contact, with its
    # own retention (the candidate pipeline), never of a learner.
    **{
        (model, name): "a company contact, not a learner"
        for model in ("matchmaking.candidatecompany", "matchmaking.historicalcandidatecompany")
        for name in (
            "company_name",
            "enterprise_number",
            "sector",
            "contact_first_name",
            "contact_last_name",
            "contact_function",
            "contact_email",
            "contact_phone",
            "message",
            "not_pursued_reason",
        )
    },
    ("matchmaking.historicalcandidatecompany", "history_change_reason"): "services' reasons",
    ("matchmaking.candidatereferral", "note"): "a hand-over of a company to schools",
}


def learner_traces(learner: Learner) -> Traces:
    """Her strings as they are now and in every earlier version of her file."""
    versions = [
        {name: getattr(learner, name) for name in TRACE_FIELDS},
        *Learner.history.filter(id=learner.pk).values(*TRACE_FIELDS),
    ]
    names, emails, phones, short = [], [], [], []
    for v in versions:
        first, last = v["first_name"] or "", v["last_name"] or ""
        if first and last:
            names.append(f"{first} {last}")
            short.append(f"{first} {last[:1]}.")  # as the proposal step mails name her
        names.append(v["parent_name"])
        emails += [v["email"], v["parent_email"]]
        phones += [v["phone"], v["parent_phone"]]
        short += [first, last, v["street"], *last.split("-")]
    return Traces.of(names=names, emails=emails, phones=phones, short=short)


def learner_subject(learner: Learner) -> Subject:
    return Subject(instance=learner, traces=learner_traces(learner), since=learner.created_at)


def _learner_id(subject: Subject) -> int:
    return subject.instance.pk


def register_learner_personal_data() -> None:
    HistoricalLearner = Learner.history.model
    HistoricalAgreement = Agreement.history.model
    history_reason = {"history_change_reason": REPLACE}

    def step_mails(subject: Subject):
        steps = ProposalTransition.objects.filter(proposal__learner_id=_learner_id(subject))
        batches = [STEP_MAIL_BATCH.format(pk=pk) for pk in steps.values_list("pk", flat=True)]
        return OutboxMessage.objects.filter(batch__in=batches)

    holders = [
        Holder(
            key="matchmaking.learner",
            title=_("Gegevens"),
            model=Learner,
            fields=LEARNER_FIELDS,
            own_rows=lambda s: Learner.objects.filter(pk=_learner_id(s)),
        ),
        Holder(
            key="matchmaking.learner_history",
            title=_("Geschiedenis van het dossier"),
            model=HistoricalLearner,
            fields={**LEARNER_FIELDS, **history_reason},
            own_rows=lambda s: HistoricalLearner.objects.filter(id=_learner_id(s)),
            ordering=("history_date", "history_id"),
        ),
        Holder(
            key="matchmaking.accesses",
            title=_("Inzages in het dossier"),
            model=LearnerAccess,
            fields={"what": BLANK},
            own_rows=lambda s: LearnerAccess.objects.filter(learner_id=_learner_id(s)),
        ),
        Holder(
            key="matchmaking.agreements",
            title=_("Overeenkomsten"),
            model=Agreement,
            fields={"end_reason": PLACEHOLDER_IF_FILLED},
            own_rows=lambda s: Agreement.objects.filter(learner_id=_learner_id(s)),
        ),
        Holder(
            key="matchmaking.agreement_history",
            title=_("Geschiedenis van de overeenkomsten"),
            model=HistoricalAgreement,
            fields={"end_reason": PLACEHOLDER_IF_FILLED, **history_reason},
            own_rows=lambda s: HistoricalAgreement.objects.filter(learner_id=_learner_id(s)),
            ordering=("history_date", "history_id"),
        ),
        Holder(
            key="matchmaking.proposals",
            title=_("Voorstellen"),
            model=Proposal,
            fields={"end_reason": PLACEHOLDER_IF_FILLED, "explanation": REPLACE},
            own_rows=lambda s: Proposal.objects.filter(learner_id=_learner_id(s)),
        ),
        Holder(
            key="matchmaking.proposal_steps",
            title=_("Stappen van de voorstellen"),
            model=ProposalTransition,
            fields={"note": PLACEHOLDER_IF_FILLED},
            own_rows=lambda s: ProposalTransition.objects.filter(
                proposal__learner_id=_learner_id(s)
            ),
            ordering=("at", "pk"),
        ),
        Holder(
            key="matchmaking.exclusions",
            title=_("Uitsluitingen"),
            model=MatchExclusion,
            fields={"reason": PLACEHOLDER_IF_FILLED},
            own_rows=lambda s: MatchExclusion.objects.filter(learner_id=_learner_id(s)),
        ),
        Holder(
            key="matchmaking.fixed_match",
            title=_("Vastgezette match"),
            model=FixedMatch,
            fields={"note": PLACEHOLDER_IF_FILLED},
            own_rows=lambda s: FixedMatch.objects.filter(learner_id=_learner_id(s)),
        ),
        Holder(
            key="matchmaking.unmatched",
            title=_("Matchings zonder voorstel"),
            model=UnmatchedLearner,
            fields={"reason": REPLACE},
            own_rows=lambda s: UnmatchedLearner.objects.filter(learner_id=_learner_id(s)),
        ),
        Holder(
            # Mails about her proposal steps went to the school's and the company's contacts:
            # their addresses stay, her first name and initial in the texts go.
            key="matchmaking.step_mails",
            title=_("E-mails over de stappen van de voorstellen"),
            model=OutboxMessage,
            fields={
                name: REPLACE
                for name in (
                    "subject",
                    "body_text",
                    "body_html",
                    "headers",
                    "attachments",
                    "last_error",
                )
            },
            own_rows=step_mails,
            export_fields=OUTBOX_EXPORT_FIELDS,
            ordering=("created_at", "pk"),
        ),
    ]
    for holder in holders:
        registry.register(replace(holder, subject_model=Learner))
