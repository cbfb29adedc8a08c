"""The class quiz "De Duale Quiz": solo play and live class sessions (join code, nicknames)."""
