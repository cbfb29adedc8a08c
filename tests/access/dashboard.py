"""Access matrix: the dashboard (admin only so far). Values and imports are written by the
services, never added in the admin; a value is never deleted there either."""

from tests.access.rules import Rule  # noqa: F401

RULES: dict[str, Rule] = {}

ADMIN_NEVER = (
    "admin:dashboard_figurevalue_add",
    "admin:dashboard_figurevalue_delete",
    "admin:dashboard_figureimport_add",
)


def admin_objects(cast):
    from datetime import date

    from steunpunt.dashboard import services

    moment = services.create_moment(name="20 april 2025", date=date(2025, 4, 20), actor=None)
    preview = services.preview_import(
        moment=moment,
        data=b"figuur;dimensie;sleutel;waarde\nlerenden;totaal;;937\n",
        file_name="cijfers.csv",
        source="Departement Onderwijs",
        actor=None,
    )
    services.confirm_import(figure_import=preview, actor=None)
