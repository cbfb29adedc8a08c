"""Feeding the pure engine from the database: `build_problem(scope)` turns rows into a Problem.

Who is in it:
- learners: status "searching", with coordinates from their postcode, in the scope (a
  subregion: learners whose postcode lies in it; the province: every searching learner).
  Their wishes in rank order; their start is the wished start date, or today when that is
  earlier or empty; waiting days count from the status change to "searching"; priority when
  any vulnerable target-group flag is set (PRIORITY_FLAGS).
- places: open workplaces with free places (capacity.py) for a programme some learner wants,
  wherever they are: the engine only pairs a learner with places within the learner's own
  maximum distance, so a place across the border of the subregion counts, and a learner with
  nothing in reach hears where the nearest place is ("dichtstbijzijnde 31 km in Brugge").
  A place whose (site, programme) has no recognition that is recognised and started today
  goes in without `recognised_until`: the engine never proposes it and says so.

Track record of a company (0..1): of the agreements at its sites that could prove themselves
(ended, or running for at least TRACK_RECORD_DAYS), the share that lasted at least
TRACK_RECORD_DAYS (about three months), smoothed as (lasted + 1) / (counted + 2): a company
without a history is neutral (0.5), and one agreement does not make it perfect or hopeless.

A bounded number of queries whatever the size (the tests count them): weights, learners,
their wishes, places, recognitions, agreements (track record), exclusions, fixed matches.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from steunpunt.core.models import Subregion

from .. import engine
from ..models import (
    Agreement,
    FixedMatch,
    Learner,
    LearnerWish,
    MatchExclusion,
    MatchingWeights,
    Recognition,
    Workplace,
)
from .capacity import open_workplaces_with_free_places

PRIORITY_FLAGS = ("early_school_leaver", "no_qualification", "buso", "okan", "aanloopfase")
TRACK_RECORD_DAYS = 91
# A recognition without an end date: far enough for every start date the engine compares.
OPEN_END = date(9999, 12, 31)
OPEN_END_TEXT = f"erkend tot {OPEN_END:%d/%m/%Y}"  # as the engine writes it (engine/explain.py)


@dataclass
class BuiltProblem:
    problem: engine.Problem
    skipped: dict[int, str] = field(default_factory=dict)  # learner pk -> why not in the problem
    workplaces: dict[int, Workplace] = field(default_factory=dict)


def weights_of(values: dict) -> engine.Weights:
    return engine.Weights(**values)


def build_problem(
    scope: Subregion | None, *, weights: dict | None = None, today: date | None = None
) -> BuiltProblem:
    """The Problem for one subregion (or the province when `scope` is None)."""
    today = today or timezone.localdate()
    now = timezone.now()
    if weights is None:
        weights = MatchingWeights.current().as_dict()

    learners_qs = (
        Learner.objects.filter(status=Learner.Status.SEARCHING)
        .select_related("postcode")
        .prefetch_related(
            Prefetch(
                "wishes",
                queryset=LearnerWish.objects.select_related("programme").order_by("rank"),
            )
        )
        .order_by("pk")
    )
    if scope is not None:
        learners_qs = learners_qs.filter(postcode__subregion=scope)

    learners, skipped, wanted, names = [], {}, set(), {}
    for row in learners_qs:
        postcode = row.postcode
        if not postcode.has_coordinates:
            skipped[row.pk] = _("geen coördinaten voor postcode %(postcode)s") % {
                "postcode": postcode
            }
            continue
        programmes = []
        for wish in row.wishes.all():
            key = str(wish.programme_id)
            programmes.append(key)
            names[key] = wish.programme.name
            wanted.add(wish.programme_id)
        start = (
            row.wished_start_date
            if row.wished_start_date and row.wished_start_date > today
            else today
        )
        learners.append(
            engine.Learner(
                id=row.pk,
                lat=postcode.latitude,
                lon=postcode.longitude,
                programmes=programmes,
                max_km=float(row.max_distance_km),
                start=start,
                waiting_days=max((now - row.status_changed_at).days, 0),
                priority=any(getattr(row, flag) for flag in PRIORITY_FLAGS),
            )
        )

    workplaces: dict[int, Workplace] = {}
    places: list[engine.Place] = []
    until: dict[tuple[int, int], date] = {}
    if learners and wanted:
        candidates = open_workplaces_with_free_places(
            Workplace.objects.filter(
                programme_id__in=wanted,
                site__postcode__latitude__isnull=False,
                site__postcode__longitude__isnull=False,
            )
        )
        candidates = candidates.select_related("site__organisation", "site__postcode", "programme")
        workplaces = {row.pk: row for row in candidates.order_by("pk")}
        until = _recognised_until(workplaces.values(), today)
        records = _track_records({w.site.organisation_id for w in workplaces.values()}, today)
        for row in workplaces.values():
            postcode = row.site.postcode
            places.append(
                engine.Place(
                    id=row.pk,
                    site_id=row.site_id,
                    company_id=row.site.organisation_id,
                    lat=postcode.latitude,
                    lon=postcode.longitude,
                    programme=str(row.programme_id),
                    capacity=row.places,
                    free=row.free,
                    recognised_until=until.get((row.site_id, row.programme_id)),
                    start=row.start_date if row.start_date > today else None,
                    track_record=records.get(row.site.organisation_id, 0.5),
                    town=postcode.locality,
                )
            )
            names.setdefault(str(row.programme_id), row.programme.name)

    learner_ids = {learner.id for learner in learners}
    excluded = (
        {
            (learner_id, company_id)
            for learner_id, company_id in MatchExclusion.objects.filter(
                learner_id__in=learner_ids
            ).values_list("learner_id", "company_id")
        }
        if learner_ids
        else set()
    )
    fixed = []
    if learner_ids:
        for learner_id, workplace_id in FixedMatch.objects.filter(
            learner_id__in=learner_ids
        ).values_list("learner_id", "workplace_id"):
            workplace = workplaces.get(workplace_id)
            if (
                workplace is None
                or (workplace.site_id, workplace.programme_id) not in until
                or (learner_id, workplace.site.organisation_id) in excluded
            ):
                continue  # full, closed, unrecognised or excluded since: matched like the rest
            fixed.append((learner_id, workplace_id))

    problem = engine.Problem(
        learners=learners,
        places=places,
        weights=weights_of(weights),
        fixed=fixed,
        excluded=excluded,
        programme_names=names,
    )
    return BuiltProblem(problem=problem, skipped=skipped, workplaces=workplaces)


def _recognised_until(workplaces, today: date) -> dict[tuple[int, int], date]:
    """(site, programme) -> the end of its recognition (recognised and started by today)."""
    workplaces = list(workplaces)
    if not workplaces:
        return {}
    rows = Recognition.objects.filter(
        status=Recognition.Status.RECOGNISED,
        valid_from__lte=today,
        site_id__in={w.site_id for w in workplaces},
        programme_id__in={w.programme_id for w in workplaces},
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    until: dict[tuple[int, int], date] = {}
    for site_id, programme_id, valid_until in rows.values_list(
        "site_id", "programme_id", "valid_until"
    ):
        key = (site_id, programme_id)
        until[key] = max(until.get(key, date.min), valid_until or OPEN_END)
    return until


def _track_records(companies: set[int], today: date) -> dict[int, float]:
    if not companies:
        return {}
    proven_since = today - timedelta(days=TRACK_RECORD_DAYS)
    counted: dict[int, int] = defaultdict(int)
    lasted: dict[int, int] = defaultdict(int)
    rows = Agreement.objects.filter(site__organisation_id__in=companies).filter(
        Q(status=Agreement.Status.ENDED)
        | Q(status=Agreement.Status.RUNNING, start_date__lte=proven_since)
    )
    for company, status, start, end in rows.values_list(
        "site__organisation_id", "status", "start_date", "end_date"
    ):
        counted[company] += 1
        if status == Agreement.Status.RUNNING or (
            end is not None and (end - start).days >= TRACK_RECORD_DAYS
        ):
            lasted[company] += 1
    return {company: (lasted[company] + 1) / (counted[company] + 2) for company in counted}


def polish_explanation(text: str) -> str:
    """The engine knows no open-ended recognition: say so instead of "erkend tot 31/12/9999"."""
    return text.replace(OPEN_END_TEXT, _("erkend zonder einddatum"))
