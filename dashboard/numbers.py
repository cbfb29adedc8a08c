"""Dutch number formats of the dashboard and the public figures: "1.234", "45,3 %", "+17,0 %",
"−13" (a real minus sign, as in print), "12,5 dagen"."""

from decimal import Decimal

from django.utils.translation import gettext as _

MINUS = "\u2212"


def _grouped(value: Decimal, decimals: int) -> str:
    text = f"{abs(value):,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def _decimals(value: Decimal, kind: str) -> int:
    if kind in ("percent", "days"):
        return 1
    return 0 if value == value.to_integral_value() else 1


def format_number(value: Decimal | None, kind: str = "count") -> str:
    if value is None:
        return "–"
    value = Decimal(value)
    text = _grouped(value, _decimals(value, kind))
    text = (MINUS + text) if value < 0 else text
    if kind == "percent":
        return f"{text} %"
    if kind == "days":
        return _("%(n)s dagen") % {"n": text}
    return text


def format_difference(value: Decimal | None, kind: str = "count") -> str:
    if value is None:
        return "–"
    value = Decimal(value)
    sign = "+" if value > 0 else (MINUS if value < 0 else "±")
    text = sign + _grouped(value, _decimals(value, kind))
    if kind == "percent":
        return _("%(n)s procentpunt") % {"n": text}
    if kind == "days":
        return _("%(n)s dagen") % {"n": text}
    return text


def format_percent_change(value: Decimal | None) -> str:
    if value is None:
        return "–"
    sign = "+" if value > 0 else (MINUS if value < 0 else "±")
    return f"{sign}{_grouped(Decimal(value), 1)} %"
