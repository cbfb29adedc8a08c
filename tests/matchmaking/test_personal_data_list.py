"""Every text field of a matchmaking model is on the personal-data list or, with a reason, on
the "not personal" list: a new field fails here until someone decides which it is."""

import pytest
from django.apps import apps
from django.db import models

from matchmaking.learners.personal_data import NOT_PERSONAL
from steunpunt.core.personal_data import Holder, Traces, registry

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def _text_fields():
    for model in apps.get_app_config("matchmaking").get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if isinstance(field, TEXT_FIELDS):
                yield (model._meta.label_lower, field.name)


def undecided(fields) -> list[tuple[str, str]]:
    return sorted(set(fields) - registry.fields() - set(NOT_PERSONAL))


def test_every_text_field_of_matchmaking_is_decided():
    fields = set(_text_fields())
    assert len(fields) > 60  # the learner, history, proposals, runs, workplaces, candidates
    assert undecided(fields) == [], (
        "Text fields on no list: add them to matchmaking/learners/personal_data.py (a holder, "
        "so the export and the erasure cover them) or to NOT_PERSONAL with the reason."
    )


def test_the_history_models_are_looked_at_too():
    fields = set(_text_fields())
    assert ("matchmaking.historicallearner", "notes") in fields
    assert ("matchmaking.historicalagreement", "end_reason") in fields


def test_no_field_is_on_both_lists():
    assert registry.fields() & set(NOT_PERSONAL) == set()


def test_the_list_names_the_rows_a_learner_leaves():
    fields = registry.fields()
    for expected in [
        ("matchmaking.learner", "notes"),
        ("matchmaking.historicallearner", "parent_phone"),
        ("matchmaking.proposal", "end_reason"),
        ("matchmaking.proposaltransition", "note"),
        ("matchmaking.matchexclusion", "reason"),
        ("matchmaking.agreement", "end_reason"),
        ("matchmaking.historicalagreement", "end_reason"),
        ("matchmaking.learneraccess", "what"),
        ("core.outboxmessage", "recipient_email"),
        ("core.outboxmessage", "attachments"),
        ("core.outboxmessage", "last_error"),
        ("core.jobfailure", "exception"),
        ("admin.logentry", "object_repr"),
        ("admin.logentry", "change_message"),
        # A parent's question to the Steunpunt names the learner (registered by the inbox).
        ("inbox.question", "text"),
        ("inbox.historicalquestion", "phone"),
        ("inbox.questionnote", "text"),
        ("inbox.answer", "body"),
    ]:
        assert expected in fields


def test_a_new_text_field_on_no_list_fails():
    """The check itself: a field added to a model (here a made-up one) is undecided."""
    assert undecided([*_text_fields(), ("matchmaking.proposal", "remark")]) == [
        ("matchmaking.proposal", "remark")
    ]


def test_a_holder_with_a_field_its_model_lacks_is_refused():
    from matchmaking.models import Proposal

    with pytest.raises(Exception, match="no field named"):
        registry.register(
            Holder(key="test.typo", title="x", model=Proposal, fields={"end_raeson": "blank"})
        )


@pytest.mark.parametrize(
    ("text", "own", "expected"),
    [
        ("Zoë Vercruysse-Ilyasova belde", False, "Geanonimiseerd belde"),
        ("bel 0471/23.45.67 of +32 471 23 45 67", False, "bel Geanonimiseerd of Geanonimiseerd"),
        ("ZOE.VERCRUYSSE@EXAMPLE.ORG", False, "Geanonimiseerd"),
        ("Zoë komt maandag", False, "Zoë komt maandag"),  # a first name alone: only her rows
        ("Zoë komt maandag", True, "Geanonimiseerd komt maandag"),
        ("Voorstel voor Zoë V.: Voorgesteld", True, "Voorstel voor Geanonimiseerd: Voorgesteld"),
        ("Zoëlla en Zoë", True, "Zoëlla en Geanonimiseerd"),  # whole words only
    ],
)
def test_traces_find_her_strings(text, own, expected):
    traces = Traces.of(
        names=["Zoë Vercruysse-Ilyasova"],
        emails=["zoe.vercruysse@example.org"],
        phones=["0471 23 45 67"],
        short=["Zoë", "Zoë V."],
    )
    assert traces.scrub(text, own=own) == expected


def test_traces_rewrite_json_text_and_base64_attachments():
    import base64
    import json

    traces = Traces.of(names=["Zoë Vercruysse"])
    stored = json.dumps([{"changed": {"object": "Zoë Vercruysse"}}])  # ensure_ascii, as Django
    assert "Zoë" not in json.loads(traces.scrub(stored, own=False))[0]["changed"]["object"]
    attachment = {"content_base64": base64.b64encode("Voor Zoë Vercruysse".encode()).decode()}
    scrubbed = traces.scrub([attachment], own=False)
    assert base64.b64decode(scrubbed[0]["content_base64"]).decode() == "Voor Geanonimiseerd"
