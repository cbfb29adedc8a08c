"""Figures of the candidate pipeline for the core's registry (registered in
MatchmakingConfig.ready(); the filters and groupings: common/figures.py)."""

from datetime import date

from django.utils.translation import gettext_lazy as _

from steunpunt.core.figure_groups import Grouping, day_end
from steunpunt.core.figures import Figure

from ..common.figures import distinct, register
from ..models import CandidateCompany

CANDIDATE_PATHS = {
    "subregion": "postcode__subregion__slug",
    "programme": "programmes__code",
    "study_domain": "programmes__study_domain__code",
}


def candidate_companies(status=None, subregion=None, programme=None, moment=None) -> int:
    """Candidate companies (registered up to `moment`), by status, subregion and programme."""
    candidates = CandidateCompany.objects.all()
    if status:
        candidates = candidates.filter(status=status)
    if subregion is not None:
        candidates = candidates.filter(postcode__subregion=subregion)
    if programme is not None:
        candidates = candidates.filter(programmes=programme)
    if moment is not None:
        candidates = candidates.filter(created_at__date__lte=moment)
    return candidates.values("pk").distinct().count()


def _candidates_by(day: date):
    return CandidateCompany.objects.filter(created_at__lt=day_end(day))


def register_figures():
    register(
        Figure(
            name="matchmaking.candidate_companies",
            label=_("Kandidaat-ondernemingen"),
            unit=_("ondernemingen"),
            compute=candidate_companies,
            description=_(
                "Ondernemingen die zich tot en met de peildatum via het portaal kandidaat "
                "stelden om leerwerkplek te worden, in elke fase van de opvolging."
            ),
            filters=("status", "subregion", "programme", "moment"),
            grouping=Grouping(
                rows=_candidates_by,
                paths=CANDIDATE_PATHS,
                aggregate=distinct("pk"),
                additive=False,
            ),
        )
    )
