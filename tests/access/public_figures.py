"""Access matrix: the public figures page /cijfers/ (final measurement moments only): open to
everyone, anonymous or logged in."""

from tests.access.rules import Rule, public

RULES: dict[str, Rule] = {
    "figures:index": public(),
}
