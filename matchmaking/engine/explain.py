"""Dutch explanations of proposals and of learners left without one.

The strings are marked with `_` so `makemessages` finds them; the engine imports no Django, so
`_` is the standard library's null translation (the source language is already Dutch). It is
bound once: `gettext.gettext` would search the disk for catalogues on every call.
"""

from __future__ import annotations

import functools
import gettext
from datetime import date

import numpy as np

from .candidates import NEVER, PlaceTable, haversine_km, wishes
from .problem import START_TOLERANCE_DAYS, Learner, Place, Problem

_ = gettext.NullTranslations().gettext
ngettext = gettext.NullTranslations().ngettext


@functools.lru_cache(maxsize=4096)
def format_date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def format_km(km: float) -> str:
    if km < 1:
        return _("minder dan 1 km")
    return _("%(km)s km") % {"km": round(km)}


def format_max_km(km: float) -> str:
    return _("%(km)s km") % {"km": int(km) if float(km).is_integer() else round(km, 1)}


def proposal(learner: Learner, place: Place, km: float, *, fixed: bool = False) -> str:
    """'1e keuze, 12 km, erkend tot 31/08/2027, 2 van 3 plaatsen vrij'."""
    choices = wishes(learner)
    parts = []
    if fixed:
        parts.append(_("vastgezet"))
    if place.programme in choices:
        parts.append(_("%(rank)se keuze") % {"rank": choices.index(place.programme) + 1})
    else:
        parts.append(_("geen gewenste richting"))
    parts.append(format_km(km))
    if place.recognised_until:
        parts.append(_("erkend tot %(date)s") % {"date": format_date(place.recognised_until)})
    else:
        parts.append(_("niet erkend"))
    if place.start and place.start > learner.start:
        parts.append(_("start %(date)s") % {"date": format_date(place.start)})
    parts.append(
        _("%(free)s van %(capacity)s plaatsen vrij")
        % {"free": place.free, "capacity": place.capacity}
    )
    return ", ".join(parts)


def unmatched(
    problem: Problem,
    learner: Learner,
    table: PlaceTable,
    free: np.ndarray,
    company_codes: dict[object, int],
    excluded: set,
) -> str:
    """Why `learner` got no proposal: one clause per wished programme, the first wish first.

    `excluded`: the companies excluded for this learner.
    """
    choices = wishes(learner)
    if not choices:
        return _("geen gewenste richting opgegeven")
    clauses = [
        _programme_reason(problem, learner, programme, table, free, company_codes, excluded)
        for programme in choices
    ]
    return " · ".join(clauses)


def _programme_reason(problem, learner, programme, table, free, company_codes, excluded) -> str:
    name = problem.programme_name(programme)
    within = format_max_km(max(learner.max_km, 0))
    columns = table.by_programme.get(programme)
    if columns is None or not len(columns):
        return _("geen plaats voor %(programme)s") % {"programme": name}
    start = learner.start.toordinal()
    place_start = table.start[columns]
    recognised = table.recognised_until[columns] >= np.maximum(start, place_start)
    if not recognised.any():
        if (table.recognised_until[columns] == NEVER).all():
            return _("geen erkende plaats voor %(programme)s") % {"programme": name}
        return _("geen plaats voor %(programme)s die erkend is op %(date)s") % {
            "programme": name,
            "date": format_date(learner.start),
        }
    km = haversine_km(learner.lat, learner.lon, table.lat[columns], table.lon[columns])
    near = recognised & (km <= learner.max_km)
    if not near.any():
        nearest = int(np.argmin(np.where(recognised, km, np.inf)))
        town = problem.places[int(columns[nearest])].town
        where = {"programme": name, "within": within, "km": round(float(km[nearest]))}
        if town:
            return _(
                "geen erkende plaats voor %(programme)s binnen %(within)s; "
                "dichtstbijzijnde %(km)s km in %(town)s"
            ) % {**where, "town": town}
        return (
            _(
                "geen erkende plaats voor %(programme)s binnen %(within)s; "
                "dichtstbijzijnde op %(km)s km"
            )
            % where
        )
    timely = near & (place_start <= start + START_TOLERANCE_DAYS)
    if not timely.any():
        latest = date.fromordinal(start + START_TOLERANCE_DAYS)
        return _(
            "de erkende plaatsen voor %(programme)s binnen %(within)s starten pas na %(date)s"
        ) % {
            "programme": name,
            "within": within,
            "date": format_date(latest),
        }
    excluded_codes = [company_codes[company] for company in excluded if company in company_codes]
    allowed = timely & ~np.isin(table.company[columns], excluded_codes)
    if not allowed.any():
        return _(
            "de erkende plaatsen voor %(programme)s binnen %(within)s "
            "zijn bij uitgesloten bedrijven"
        ) % {
            "programme": name,
            "within": within,
        }
    open_ = allowed & (free[columns] > 0)
    if not open_.any():
        return _("de erkende plaatsen voor %(programme)s binnen %(within)s zijn volzet") % {
            "programme": name,
            "within": within,
        }
    count = int(open_.sum())
    return ngettext(
        "de enige geschikte plaats voor %(programme)s binnen %(within)s "
        "gaat naar een andere leerling",
        "de %(count)s geschikte plaatsen voor %(programme)s binnen %(within)s "
        "gaan naar andere leerlingen",
        count,
    ) % {"count": count, "programme": name, "within": within}
