"""Campaign models: qr."""

__all__: list[str] = []
