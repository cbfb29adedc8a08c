"""Periodic work of the campaign tools."""

# The tasks of each campaign tool live in their own module; re-exported for autodiscovery.
from .calendar_tasks import *  # noqa: E402, F403
from .folders_tasks import *  # noqa: E402, F403
from .kit_tasks import *  # noqa: E402, F403
from .mailings_tasks import *  # noqa: E402, F403
from .orders_tasks import *  # noqa: E402, F403
from .qr_tasks import *  # noqa: E402, F403
