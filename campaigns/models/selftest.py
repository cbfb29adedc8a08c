"""The self-test ("Is duaal leren iets voor mij?")."""

__all__: list[str] = []
