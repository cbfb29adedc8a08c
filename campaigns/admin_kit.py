"""Campaign admin: kit."""
