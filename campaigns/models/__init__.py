"""Campaign models, one module per tool; names re-exported here."""

from .quiz import *  # noqa: F403
from .selftest import *  # noqa: F403
