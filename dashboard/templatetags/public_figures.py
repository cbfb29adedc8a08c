"""`{{ value|suppressed }}`: a frozen count as the public may see it (1 to 4 as "< 5")."""

from django import template

from dashboard.public import suppress

register = template.Library()


@register.filter
def suppressed(value):
    return suppress(value)
