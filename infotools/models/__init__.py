"""Models of the public information tools, one module per tool; names re-exported here.

They lived in campaigns until issue 14 and keep its tables (`Meta.db_table`), their content
types and permissions (moved to app label "infotools" by migration 0001).
"""

from .quiz import *  # noqa: F403
from .selftest import *  # noqa: F403
