"""The engine's input and output: plain dataclasses, no Django.

A service turns database rows into these (coordinates from the postcodes, `free` from the
workplace's places minus its running agreements) and stores the proposals it gets back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# A place may start this many days after the learner's wished start and still be proposed:
# a learner who wants to start on 1 September can wait a month for a place that starts on
# 1 October, not longer (the risk list starts counting lost training days at day 20).
START_TOLERANCE_DAYS = 30

# Waiting time counts up to this many days; beyond it every learner is equally urgent.
WAITING_HORIZON_DAYS = 180


@dataclass(frozen=True)
class Learner:
    id: object
    lat: float
    lon: float
    programmes: list[str]  # programme keys, most wanted first
    max_km: float
    start: date
    waiting_days: int = 0
    priority: bool = False  # a target group that goes first (early school leaver, OKAN, ...)


@dataclass(frozen=True)
class Place:
    id: object
    site_id: object
    company_id: object
    lat: float
    lon: float
    programme: str
    capacity: int
    free: int
    recognised_until: date | None  # None: the site is not recognised for the programme
    start: date | None = None  # None: the place is open now
    track_record: float = 0.5  # 0..1, share of earlier matches at this company that lasted
    town: str = ""  # for the explanations ("dichtstbijzijnde 31 km in Brugge")


@dataclass(frozen=True)
class Weights:
    """How much each part of the cost counts; every part is first scaled to 0..1."""

    distance: float = 4.0
    preference: float = 3.0
    waiting: float = 1.0
    priority: float = 2.0
    track_record: float = 1.0

    def __post_init__(self):
        for name in ("distance", "preference", "waiting", "priority", "track_record"):
            value = getattr(self, name)
            if not 0 <= value <= 1000:
                raise ValueError(f"weight {name} must lie between 0 and 1000, not {value}")

    @property
    def total(self) -> float:
        return self.distance + self.preference + self.waiting + self.priority + self.track_record


@dataclass
class Problem:
    learners: list[Learner]
    places: list[Place]
    weights: Weights = field(default_factory=Weights)
    fixed: list[tuple[object, object]] = field(default_factory=list)  # (learner_id, place_id)
    excluded: set[tuple[object, object]] = field(default_factory=set)  # (learner_id, company_id)
    programme_names: dict[str, str] = field(default_factory=dict)  # key -> name to show

    def programme_name(self, key: str) -> str:
        return self.programme_names.get(key, key)

    def excluded_by_learner(self) -> dict[object, set]:
        """learner_id -> the companies excluded for that learner."""
        index: dict[object, set] = {}
        for learner_id, company in self.excluded:
            index.setdefault(learner_id, set()).add(company)
        return index


@dataclass(frozen=True)
class Proposal:
    learner_id: object
    place_id: object
    cost: int
    explanation: str
    fixed: bool = False


@dataclass
class Result:
    proposals: list[Proposal]
    unmatched: dict[object, str]  # learner_id -> why no proposal
    objective: int  # sum of the proposals' costs + big_m for every learner left unmatched
    big_m: int
    candidates: int = 0  # eligible (learner, place) pairs the solver chose from

    @property
    def matched_cost(self) -> int:
        return sum(proposal.cost for proposal in self.proposals)
