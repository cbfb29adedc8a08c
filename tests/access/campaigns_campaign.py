"""Access matrix: the campaign itself, its materials and the participating schools."""

from tests.access.rules import Rule

RULES: dict[str, Rule] = {}


def admin_objects(cast):
    from tests.campaigns.factories import MaterialFileFactory, ParticipationFactory

    participation = ParticipationFactory(school=cast["school"])
    MaterialFileFactory(material__campaign=participation.campaign)
