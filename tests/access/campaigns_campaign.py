"""Access matrix: the campaign itself, its materials and the participating schools."""

from tests.access.rules import OK, Rule


def _unsubscribe_token(cast):
    from campaigns.campaign.recipients import unsubscribe_token

    return {"token": unsubscribe_token("ouder@voorbeeld.be")}


RULES: dict[str, Rule] = {
    "campaigns:unsubscribe": Rule(OK, kwargs=_unsubscribe_token),
}
ADMIN_NEVER = ("admin:campaigns_mailoptout_add",)  # only the unsubscribe link adds one


def admin_objects(cast):
    from campaigns.campaign.recipients import opt_out
    from tests.campaigns.factories import MaterialFileFactory, ParticipationFactory

    opt_out(email="ouder@voorbeeld.be")
    participation = ParticipationFactory(school=cast["school"])
    MaterialFileFactory(material__campaign=participation.campaign)
