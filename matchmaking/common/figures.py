"""Matchmaking figures for the core's registry (dashboard, public programme pages): what the
tools' figures.py modules share.

Each tool registers its figures (`register_figures()` in <tool>/figures.py, called from
MatchmakingConfig.ready()); readers ask `registry.value(name, **filters)` and never
import this app. Filters:

- `subregion`: a Subregion (where the site, or the candidate's postcode, lies);
- `programme`: a Programme;
- `moment`: a date (recognitions valid and agreements current on that day; default today);
- `near` (open workplaces only): a Postcode, or a (Postcode, km) pair; a Postcode alone means
  within DEFAULT_NEAR_KM.
- `status` (candidate companies only): one of CandidateCompany.Status.

Most figures also carry a Grouping (steunpunt.core.figure_groups): the dashboard's snapshots
split them by subregion, provider type, programme and study domain in a few grouped queries.
Subregion is where the company site of the agreement, workplace or recognition lies, or where a
learner or candidate company lives (postcode); provider type is the kind of the learner's
provider; programme is the agreement's, workplace's or recognition's programme, and for learners
each programme they wish (a learner with two wishes counts once in each, once in the total).
"""

from dataclasses import replace
from typing import Any

from django.db.models import Count

from steunpunt.core.figure_groups import grouped_compute
from steunpunt.core.figures import Figure, registry

AT_SITE = {
    "subregion": "site__postcode__subregion__slug",
    "programme": "programme__code",
    "study_domain": "programme__study_domain__code",
}


def distinct(column):
    return Count(column, distinct=True)


# One single-value provider per grouped figure, made once (registering twice must find the same).
_COMPUTES: dict[str, Any] = {}


def register(figure: Figure) -> None:
    """Register a figure; a grouped one without its own `compute` gets one that aggregates the
    grouping's rows (core figure_groups.grouped_compute), so registry.value() can answer it."""
    if figure.compute is None and figure.grouping is not None:
        compute = _COMPUTES.setdefault(figure.name, grouped_compute(figure.grouping))
        figure = replace(figure, compute=compute)
    registry.register(figure)
