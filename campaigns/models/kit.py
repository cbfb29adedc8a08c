"""Campaign models: kit."""

__all__: list[str] = []
