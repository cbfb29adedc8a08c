"""The matching engine: pure Python (numpy, OR-Tools), no Django, so it is easy to test and time.

`solve(problem)` returns the globally best proposals; `greedy(problem)` the baseline.
"""

from .candidates import SCALE, haversine_km
from .problem import (
    START_TOLERANCE_DAYS,
    WAITING_HORIZON_DAYS,
    Learner,
    Place,
    Problem,
    Proposal,
    Result,
    Weights,
)
from .solve import EngineError, big_m, greedy, solve

__all__ = [
    "SCALE",
    "START_TOLERANCE_DAYS",
    "WAITING_HORIZON_DAYS",
    "EngineError",
    "Learner",
    "Place",
    "Problem",
    "Proposal",
    "Result",
    "Weights",
    "big_m",
    "greedy",
    "haversine_km",
    "solve",
]
