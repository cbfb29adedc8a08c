"""Admin actions that the matchmaking tools' admins share: a status change through the service,
row by row, with one message for what was done and one per refusal."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext


def report_outcome(modeladmin, request, done: int, errors: list[str]):
    if done:
        modeladmin.message_user(
            request,
            ngettext("%(n)d rij bijgewerkt.", "%(n)d rijen bijgewerkt.", done) % {"n": done},
            messages.SUCCESS,
        )
    for error in errors:
        modeladmin.message_user(request, error, messages.WARNING)


def status_action(service, keyword: str, action: str, description):
    def run(modeladmin, request, queryset):
        done, errors = 0, []
        for obj in queryset.order_by("pk"):
            try:
                service(**{keyword: obj}, action=action, actor=request.user)
                done += 1
            except ValidationError as error:
                errors.append(f"{obj}: {' '.join(error.messages)}")
        report_outcome(modeladmin, request, done, errors)

    run.__name__ = f"{action}_{keyword}"
    return admin.action(description=description)(run)
