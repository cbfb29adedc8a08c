"""Campaign models: folders."""

__all__: list[str] = []
