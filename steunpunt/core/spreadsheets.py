"""Cells for CSV and XLSX exports.

A cell that starts with =, +, - or @ (or a tab or carriage return) would be read as a formula
by a spreadsheet; such cells get a leading apostrophe, so they show as typed text.
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
