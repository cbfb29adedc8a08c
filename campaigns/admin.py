"""Campaign tools in the admin (the quiz and the self-test are in infotools/admin.py)."""

# One admin module per campaign tool; importing registers their models.
from . import (  # noqa: E402, F401, I001
    admin_calendar,
    admin_campaign,
    admin_folders,
    admin_kit,
    admin_mailings,
    admin_orders,
    admin_qr,
)
