"""The class quiz ("De Duale Quiz")."""

__all__: list[str] = []
