"""Identifiers that arrive in a query string or a form post, parsed in one place.

A value that is not a well-formed identifier (`abc`, `-1`, an integer beyond 64 bits, 5,000
characters, a NUL byte) is an identifier that names nothing: the parsers return None and the
caller answers as it does for an unknown row (a 404, or "not found" on the form). They never
let a malformed value reach the database, where it would raise instead (a 500).
"""

import re
import uuid

# The largest primary key the database stores (a signed 64-bit BigAutoField).
MAX_PK = 2**63 - 1


def parse_uuid(value) -> uuid.UUID | None:
    """The UUID in `value` (any of Python's accepted spellings), or None."""
    if isinstance(value, uuid.UUID):
        return value
    if not isinstance(value, str) or not value or len(value) > 45:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def parse_pk(value) -> int | None:
    """The positive integer key in `value` (ASCII digits, at most 64 bits), or None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 < value <= MAX_PK else None
    if not isinstance(value, str) or not value.isascii() or not value.isdigit() or len(value) > 19:
        return None
    number = int(value)
    return number if 0 < number <= MAX_PK else None


def parse_pks(values) -> list[int]:
    """The well-formed keys among `values` (a getlist()), malformed ones dropped."""
    return [pk for pk in map(parse_pk, values) if pk is not None]


def parse_slug(value) -> str | None:
    """The slug in `value` (letters, digits, - and _; at most 100 long), or None. A NUL byte
    in a text lookup is an error on PostgreSQL; a slug never holds one."""
    if not isinstance(value, str) or not value or len(value) > 100:
        return None
    return value if _SLUG.fullmatch(value) else None


_SLUG = re.compile(r"[-\w]+")
