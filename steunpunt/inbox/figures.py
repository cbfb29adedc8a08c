"""Inbox figures for the registry (anonymised questions still count)."""

from django.utils.translation import gettext_lazy as _

from steunpunt.core.figures import Figure, registry


def _count(kind, subregion=None, moment=None):
    from .models import Question

    qs = Question.objects.filter(kind=kind)
    if subregion is not None:
        qs = qs.filter(subregion=subregion)
    if moment is not None:
        qs = qs.filter(created_at__date__lte=moment)
    return qs.count()


def _questions(subregion=None, moment=None):
    return _count("vraag", subregion, moment)


def _info_session_requests(subregion=None, moment=None):
    return _count("infosessie", subregion, moment)


def register_inbox_figures():
    registry.register(
        Figure(
            name="inbox.questions",
            label=_("Vragen aan het Steunpunt"),
            unit=_("vragen"),
            compute=_questions,
            filters=("subregion", "moment"),
        )
    )
    registry.register(
        Figure(
            name="inbox.info_session_requests",
            label=_("Aanvragen voor een infosessie"),
            unit=_("aanvragen"),
            compute=_info_session_requests,
            filters=("subregion", "moment"),
        )
    )
