"""Access matrix: the dashboard. Staff (coordinators and the POF secretariat) read the overview,
its export and the moments; only coordinators create, compute, import and finalise (the
secretariat gets a 403 there). Values and imports are written by the services, never added in
the admin; a value is never deleted there either."""

from tests.access.rules import FORBIDDEN, LOGIN, NOT_ALLOWED, OK, Rule

STAFF_READ = {"anonymous": LOGIN, "coordinator": OK, "pof_secretary": OK}
COORDINATOR_ONLY = {"anonymous": LOGIN, "coordinator": OK}
COORDINATOR_POST = {"anonymous": LOGIN, "coordinator": NOT_ALLOWED}  # POST only


def _moment(cast):
    from datetime import date

    from dashboard import services
    from dashboard.models import MeasurementMoment

    moment = MeasurementMoment.objects.filter(date=date(2025, 4, 20)).first()
    return moment or services.create_moment(
        name="20 april 2025", date=date(2025, 4, 20), actor=None
    )


def _day(cast):
    return {"day": _moment(cast).date.isoformat()}


def _with_moment(cast):
    """The export needs a moment to export (no URL kwargs)."""
    _moment(cast)
    return {}


def _import(cast):
    from dashboard import services

    preview = services.preview_import(
        moment=_moment(cast),
        data=b"figuur;dimensie;sleutel;waarde\nlerenden;totaal;;937\n",
        file_name="cijfers.csv",
        source="Departement Onderwijs",
        actor=None,
    )
    return {"pk": preview.pk}


RULES: dict[str, Rule] = {
    "dashboard:overview": Rule(FORBIDDEN, per_role=STAFF_READ),
    "dashboard:export": Rule(FORBIDDEN, kwargs=_with_moment, per_role=STAFF_READ),
    "dashboard:moments": Rule(FORBIDDEN, per_role=STAFF_READ),
    "dashboard:moment_detail": Rule(FORBIDDEN, kwargs=_day, per_role=STAFF_READ),
    "dashboard:moment_create": Rule(FORBIDDEN, per_role=COORDINATOR_ONLY),
    "dashboard:moment_finalise": Rule(FORBIDDEN, kwargs=_day, per_role=COORDINATOR_ONLY),
    "dashboard:import_upload": Rule(FORBIDDEN, kwargs=_day, per_role=COORDINATOR_ONLY),
    "dashboard:import_preview": Rule(FORBIDDEN, kwargs=_import, per_role=COORDINATOR_ONLY),
    "dashboard:moment_compute": Rule(FORBIDDEN, kwargs=_day, per_role=COORDINATOR_POST),
    "dashboard:import_confirm": Rule(FORBIDDEN, kwargs=_import, per_role=COORDINATOR_POST),
    "dashboard:import_cancel": Rule(FORBIDDEN, kwargs=_import, per_role=COORDINATOR_POST),
}

ADMIN_NEVER = (
    "admin:dashboard_figurevalue_add",
    "admin:dashboard_figurevalue_delete",
    "admin:dashboard_figureimport_add",
)


def admin_objects(cast):
    from datetime import date

    from dashboard import services

    moment = services.create_moment(name="20 april 2025", date=date(2025, 4, 20), actor=None)
    preview = services.preview_import(
        moment=moment,
        data=b"figuur;dimensie;sleutel;waarde\nlerenden;totaal;;937\n",
        file_name="cijfers.csv",
        source="Departement Onderwijs",
        actor=None,
    )
    services.confirm_import(figure_import=preview, actor=None)
