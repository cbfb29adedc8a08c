"""Matchmaking models, one module per subject; names re-exported here."""

from .agreements import *  # noqa: F403
from .candidates import *  # noqa: F403
from .learners import *  # noqa: F403
from .proposals import *  # noqa: F403
from .recognition_warnings import *  # noqa: F403
from .runs import *  # noqa: F403
from .transitions import *  # noqa: F403
from .workplaces import *  # noqa: F403
