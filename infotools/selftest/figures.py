"""Figures of the self-test for the dashboard, the POF annex and the public figures.

Registered in the core's figure registry from InfotoolsConfig.ready(). The names keep their
"campaigns." prefix from when the self-test lived in campaigns: measurement moments (dashboard
snapshots) store them, so they must stay exactly the same strings.
"""

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from steunpunt.core.figures import Figure, registry

from ..models import SelfTestTally

SELFTESTS = "campaigns.selftests"
SELFTESTS_FIT = "campaigns.selftests_fit"


def _tally(result=None, moment=None) -> int:
    rows = SelfTestTally.objects.all()
    if result is not None:
        rows = rows.filter(result=result)
    if moment is not None:
        rows = rows.filter(month__lte=moment)
    return rows.aggregate(total=Sum("count"))["total"] or 0


def _selftests(moment=None) -> int:
    return _tally(moment=moment)


def _selftests_fit(moment=None) -> int:
    return _tally(SelfTestTally.Result.FITS, moment)


def register_selftest_figures() -> None:
    registry.register(
        Figure(
            name=SELFTESTS,
            label=_("Ingevulde zelftests"),
            unit=_("zelftests"),
            compute=_selftests,
            description=_(
                "Zelftests 'Past duaal leren bij mij?' die tot en met de peildatum op het portaal "
                "werden ingevuld (anoniem geteld per maand, dus zonder subregio)."
            ),
            filters=("moment",),
        )
    )
    registry.register(
        Figure(
            name=SELFTESTS_FIT,
            label=_("Zelftests met uitslag 'duaal leren past'"),
            unit=_("zelftests"),
            compute=_selftests_fit,
            description=_(
                "Zelftests op het portaal met als uitslag dat duaal leren past, tot en met de "
                "peildatum (anoniem geteld per maand)."
            ),
            filters=("moment",),
        )
    )
