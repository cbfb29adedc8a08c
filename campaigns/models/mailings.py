"""Campaign models: mailings."""

__all__: list[str] = []
