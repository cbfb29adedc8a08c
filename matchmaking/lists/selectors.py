"""The three follow-up lists of matchmaking: the risk list, the shared waiting list and the
"recognised but inactive" companies. Each reads in a fixed number of queries.

Training days (the risk list): the weekdays (Monday to Friday) from the day the learner started
the dual programme at school (`Learner.programme_started_on`) up to and including today. School
holidays and public holidays are not subtracted: the count errs on the side of warning early.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from steunpunt.core.finder import format_distance
from steunpunt.core.models import Membership, Organisation, Programme, Subregion

from ..engine import haversine_km
from ..learners.access import learners_for_user
from ..models import Agreement, Learner, LearnerWish, Recognition, Workplace
from ..runs.capacity import open_workplaces_with_free_places

NEAREST_SHOWN = 3
CURRENT_AGREEMENT_STATUSES = (Agreement.Status.SIGNED, Agreement.Status.RUNNING)


def training_days(started_on: datetime.date, today: datetime.date) -> int:
    """Weekdays from `started_on` up to and including `today` (0 when it starts later)."""
    if started_on > today:
        return 0
    days = (today - started_on).days + 1
    full_weeks, rest = divmod(days, 7)
    weekdays = full_weeks * 5
    first = started_on.weekday()
    weekdays += sum(1 for offset in range(rest) if (first + offset) % 7 < 5)
    return weekdays


# --- Risk list -------------------------------------------------------------------------------


@dataclass
class NearbyWorkplace:
    workplace: Workplace
    distance_km: float | None

    @property
    def distance_label(self) -> str:
        return format_distance(self.distance_km)


@dataclass
class RiskRow:
    learner: Learner
    days_spent: int
    days_left: int
    nearest: list[NearbyWorkplace] = field(default_factory=list)

    @property
    def is_overdue(self) -> bool:
        return self.days_left == 0


RISK_STATUSES = (
    Learner.Status.REGISTERED,
    Learner.Status.SCREENED,
    Learner.Status.SEARCHING,
    Learner.Status.PROPOSED,
    Learner.Status.INTRODUCTION,
)


def learners_without_agreement(learners: QuerySet[Learner], today: datetime.date):
    """The risk list's learners: started their dual programme by `today`, still before an
    agreement (status) and without a current (signed or running) agreement. Also the rows of the
    figure matchmaking.learners_at_risk."""
    return learners.filter(
        programme_started_on__isnull=False,
        programme_started_on__lte=today,
        status__in=RISK_STATUSES,
    ).exclude(agreements__status__in=CURRENT_AGREEMENT_STATUSES)


def risk_cutoff(today: datetime.date, limit: int) -> datetime.date:
    """The latest start date from which `limit` training days have passed by `today`: a learner
    who started on or before it has spent at least `limit` training days."""
    day = today
    while training_days(day, today) < limit:
        day -= datetime.timedelta(days=1)
    return day


def risk_rows(user, *, today: datetime.date | None = None) -> list[RiskRow]:
    """Learners who started their programme, have no current agreement and spent at least one
    training day without one; most urgent (fewest days left) first. Two queries."""
    today = today or timezone.localdate()
    limit = settings.MATCHMAKING_RISK_TRAINING_DAYS
    learners = (
        learners_without_agreement(learners_for_user(user), today)
        .select_related("provider", "postcode__subregion")
        .prefetch_related(
            Prefetch(
                "wishes",
                queryset=LearnerWish.objects.select_related("programme").order_by("rank"),
            )
        )
    )
    rows = []
    for learner in learners:
        spent = training_days(learner.programme_started_on, today)
        if spent > 0:
            rows.append(RiskRow(learner=learner, days_spent=spent, days_left=max(limit - spent, 0)))
    rows.sort(key=lambda r: (r.days_left, -r.days_spent, r.learner.last_name, r.learner.pk))
    return rows


def add_nearest_workplaces(rows: list[RiskRow]) -> None:
    """Fill in the nearest open workplaces with free places for each row's wished programmes.

    One query for the workplaces of every programme wished on this page; distances in memory.
    """
    programme_ids = {wish.programme_id for row in rows for wish in row.learner.wishes.all()}
    if not programme_ids:
        return
    by_programme = defaultdict(list)
    workplaces = open_workplaces_with_free_places(
        Workplace.objects.filter(programme_id__in=programme_ids)
    ).select_related("site__organisation", "site__postcode", "programme")
    for workplace in workplaces:
        by_programme[workplace.programme_id].append(workplace)
    for row in rows:
        origin = row.learner.postcode
        candidates = []
        for wish in row.learner.wishes.all():
            for workplace in by_programme.get(wish.programme_id, ()):
                target = workplace.site.postcode
                distance = None
                if origin.has_coordinates and target.has_coordinates:
                    distance = float(
                        haversine_km(
                            origin.latitude, origin.longitude, target.latitude, target.longitude
                        )
                    )
                candidates.append(NearbyWorkplace(workplace=workplace, distance_km=distance))
        candidates.sort(key=lambda c: (c.distance_km is None, c.distance_km or 0, c.workplace.pk))
        row.nearest = candidates[:NEAREST_SHOWN]


# --- Shared waiting list ---------------------------------------------------------------------


@dataclass
class WaitingLearner:
    learner: Learner
    waiting_days: int
    visible: bool


@dataclass
class WaitingGroup:
    subregion: Subregion | None
    programme: Programme | None
    learners: list[WaitingLearner] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.learners)

    @property
    def visible_learners(self) -> list[WaitingLearner]:
        return [w for w in self.learners if w.visible]

    @property
    def others_count(self) -> int:
        return self.count - len(self.visible_learners)

    @property
    def longest_wait(self) -> int:
        return max((w.waiting_days for w in self.learners), default=0)

    @property
    def average_wait(self) -> int:
        return round(sum(w.waiting_days for w in self.learners) / self.count) if self.count else 0


def waiting_groups(
    user,
    *,
    subregion: Subregion | None = None,
    now: datetime.datetime | None = None,
) -> list[WaitingGroup]:
    """Every searching learner of every provider, per subregion (of the learner's postcode) and
    first wished programme, longest waiting first within a group. The user sees the names of the
    learners they may see (learners_for_user) and only counts and waiting times of the others.
    Three queries: the learners, the visible ids, the programmes."""
    now = now or timezone.now()
    first_wish = LearnerWish.objects.filter(learner=OuterRef("pk"), rank=1).values("programme")[:1]
    learners = (
        Learner.objects.filter(status=Learner.Status.SEARCHING)
        .annotate(first_programme_id=Subquery(first_wish))
        .select_related("provider", "postcode__subregion")
        .order_by("status_changed_at", "pk")
    )
    if subregion is not None:
        learners = learners.filter(postcode__subregion=subregion)
    learners = list(learners)
    visible = set(
        learners_for_user(user)
        .filter(pk__in=[learner.pk for learner in learners])
        .values_list("pk", flat=True)
    )
    programme_ids = {learner.first_programme_id for learner in learners} - {None}
    programmes = Programme.objects.in_bulk(programme_ids)
    groups: dict[tuple, WaitingGroup] = {}
    for learner in learners:
        subregion_obj = learner.postcode.subregion
        programme = programmes.get(learner.first_programme_id)
        key = (subregion_obj.pk if subregion_obj else None, programme.pk if programme else None)
        group = groups.setdefault(key, WaitingGroup(subregion=subregion_obj, programme=programme))
        waiting = max((now - learner.status_changed_at).days, 0)
        group.learners.append(
            WaitingLearner(learner=learner, waiting_days=waiting, visible=learner.pk in visible)
        )
    return sorted(
        groups.values(),
        key=lambda g: (
            g.subregion is None,
            (g.subregion.order, g.subregion.name) if g.subregion else (0, ""),
            g.programme is None,
            g.programme.name if g.programme else "",
        ),
    )


# --- Recognised but inactive -----------------------------------------------------------------


def inactive_cutoff(today: datetime.date) -> datetime.date:
    years = settings.MATCHMAKING_INACTIVE_YEARS
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def inactive_recognitions(
    *,
    today: datetime.date | None = None,
    subregion: Subregion | None = None,
    programme: Programme | None = None,
) -> QuerySet[Recognition]:
    """Recognitions valid today of company sites without any agreement (for any programme)
    starting in the last MATCHMAKING_INACTIVE_YEARS years, by subregion and programme, with
    the company's current contacts (primary contact first) and the last agreement's start.
    Two queries (recognitions, contacts) however many rows."""
    today = today or timezone.localdate()
    cutoff = inactive_cutoff(today)
    recent_sites = Agreement.objects.filter(start_date__gte=cutoff, start_date__lte=today).values(
        "site"
    )
    last_agreement = (
        Agreement.objects.filter(site=OuterRef("site")).order_by("-start_date").values("start_date")
    )
    recognitions = (
        Recognition.objects.valid_on(today)
        .filter(site__organisation__kind=Organisation.Kind.COMPANY)
        .exclude(site__in=recent_sites)
        .annotate(last_agreement_on=Subquery(last_agreement[:1]))
        .select_related("site__organisation", "site__postcode__subregion", "programme")
        .prefetch_related(
            Prefetch(
                "site__organisation__memberships",
                queryset=Membership.objects.filter(
                    Q(ended_on__isnull=True) | Q(ended_on__gte=today)
                )
                .select_related("person")
                .order_by("-is_primary_contact", "person__last_name", "pk"),
                to_attr="current_contacts",
            )
        )
        .order_by(
            "site__postcode__subregion__order",
            "site__postcode__subregion__name",
            "programme__name",
            "site__organisation__name",
            "pk",
        )
    )
    if subregion is not None:
        recognitions = recognitions.filter(site__postcode__subregion=subregion)
    if programme is not None:
        recognitions = recognitions.filter(programme=programme)
    return recognitions


def company_contact(recognition: Recognition):
    """The company's contact for outreach: the primary contact, else the first current one."""
    contacts = getattr(recognition.site.organisation, "current_contacts", None)
    if contacts is None:
        contacts = list(
            recognition.site.organisation.memberships.filter(ended_on__isnull=True)
            .select_related("person")
            .order_by("-is_primary_contact", "person__last_name", "pk")
        )
    return contacts[0].person if contacts else None
