"""Campaign tools in the admin (the quiz and the self-test are in infotools/admin.py)."""

# One admin module per campaign tool (<tool>/admin.py); importing registers their models.
# isort: off
from .calendar import admin as calendar_admin  # noqa: F401
from .campaign import admin as campaign_admin  # noqa: F401
from .folders import admin as folders_admin  # noqa: F401
from .kit import admin as kit_admin  # noqa: F401
from .mailings import admin as mailings_admin  # noqa: F401
from .orders import admin as orders_admin  # noqa: F401
from .qr import admin as qr_admin  # noqa: F401

# isort: on
