"""Campaign models, one module per tool; names re-exported here."""

from .calendar import *  # noqa: F403
from .campaign import *  # noqa: F403
from .folders import *  # noqa: F403
from .kit import *  # noqa: F403
from .mailings import *  # noqa: F403
from .optout import *  # noqa: F403
from .orders import *  # noqa: F403
from .qr import *  # noqa: F403
