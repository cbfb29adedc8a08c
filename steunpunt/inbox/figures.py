"""Inbox figures for the registry (anonymised questions still count).

Each has a Grouping (steunpunt.core.figure_groups): the dashboard's snapshots split it by
subregion (of the postcode the person gave; questions without one count in the province only)
and by audience (who asked).
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunpunt.core.figure_groups import DaysBetween, Grouping, Median, day_end
from steunpunt.core.figures import Figure, registry

PATHS = {"subregion": "subregion__slug", "audience": "audience"}


def _audience_labels():
    from .models import Question

    return {"audience": {str(code): label for code, label in Question.Audience.choices}}


def _received(kind, day):
    from .models import Question

    return Question.objects.filter(kind=kind, created_at__lt=day_end(day))


def _questions_by(day):
    return _received("vraag", day)


def _requests_by(day):
    return _received("infosessie", day)


def _answered_by(day):
    from .models import Question

    return Question.objects.filter(first_answered_at__lt=day_end(day))


def _sessions_held_by(day):
    from .models import Question

    return Question.objects.filter(kind="infosessie", info_session__held_on__lte=day)


def _count(rows, subregion=None):
    if subregion is not None:
        rows = rows.filter(subregion=subregion)
    return rows.count()


def _questions(subregion=None, moment=None):
    return _count(_questions_by(moment or timezone.localdate()), subregion)


def _info_session_requests(subregion=None, moment=None):
    return _count(_requests_by(moment or timezone.localdate()), subregion)


def _info_sessions_held(subregion=None, moment=None):
    return _count(_sessions_held_by(moment or timezone.localdate()), subregion)


def _days_to_first_answer(subregion=None, moment=None):
    rows = _answered_by(moment or timezone.localdate())
    if subregion is not None:
        rows = rows.filter(subregion=subregion)
    return rows.aggregate(days=_median_days())["days"]


def _median_days():
    return Median(DaysBetween("created_at", "first_answered_at"))


def register_inbox_figures():
    labels = _audience_labels()
    registry.register(
        Figure(
            name="inbox.questions",
            label=_("Vragen aan het Steunpunt"),
            unit=_("vragen"),
            compute=_questions,
            description=_(
                "Vragen die het Steunpunt tot en met de peildatum ontving via het "
                "contactformulier van het portaal, per doelgroep en subregio."
            ),
            filters=("subregion", "moment"),
            grouping=Grouping(rows=_questions_by, paths=PATHS, labels=labels),
        )
    )
    registry.register(
        Figure(
            name="inbox.info_session_requests",
            label=_("Aanvragen voor een infosessie"),
            unit=_("aanvragen"),
            compute=_info_session_requests,
            description=_(
                "Aanvragen voor een infosessie die het Steunpunt tot en met de peildatum via "
                "het portaal ontving."
            ),
            filters=("subregion", "moment"),
            grouping=Grouping(rows=_requests_by, paths=PATHS, labels=labels),
        )
    )
    registry.register(
        Figure(
            name="inbox.days_to_first_answer",
            label=_("Dagen tot het eerste antwoord (mediaan)"),
            unit=_("dagen"),
            compute=_days_to_first_answer,
            description=_(
                "De mediaan van de tijd tussen het ontvangen van een vraag of aanvraag en het "
                "eerste antwoord van het Steunpunt, in dagen, voor wat tot en met de peildatum "
                "beantwoord werd."
            ),
            filters=("subregion", "moment"),
            grouping=Grouping(
                rows=_answered_by,
                paths=PATHS,
                aggregate=_median_days(),
                additive=False,
                labels=labels,
            ),
            kind="days",
        )
    )
    registry.register(
        Figure(
            name="inbox.info_sessions_held",
            label=_("Gehouden infosessies"),
            unit=_("infosessies"),
            compute=_info_sessions_held,
            description=_(
                "Aangevraagde infosessies die het Steunpunt tot en met de peildatum gaf, zoals "
                "een coördinator ze bij de aanvraag als gehouden noteerde."
            ),
            filters=("subregion", "moment"),
            grouping=Grouping(rows=_sessions_held_by, paths=PATHS, labels=labels),
        )
    )
