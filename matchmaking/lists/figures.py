"""Figures of the follow-up lists for the core's registry: the learners at risk (registered
in MatchmakingConfig.ready(); the filters and groupings: common/figures.py)."""

from datetime import date

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from steunpunt.core.figures import Figure

from ..common.figures import register
from ..learners.figures import learner_grouping, learners_known_by
from .selectors import learners_without_agreement, risk_cutoff


def _learners_at_risk_on(day: date):
    cutoff = risk_cutoff(day, settings.MATCHMAKING_RISK_TRAINING_DAYS)
    return learners_without_agreement(learners_known_by(day), day).filter(
        programme_started_on__lte=cutoff
    )


def register_figures():
    register(
        Figure(
            name="matchmaking.learners_at_risk",
            label=_("Lerenden zonder overeenkomst na de opleidingsdagen"),
            unit=_("lerenden"),
            description=_(
                "Lerenden die hun duale opleiding startten en na het aantal opleidingsdagen van "
                "de risicolijst (werkdagen) op de peildatum nog geen overeenkomst hebben, "
                "volgens hun huidige status in het portaal."
            ),
            grouping=learner_grouping(_learners_at_risk_on),
        )
    )
