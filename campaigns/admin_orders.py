"""Campaign admin: orders."""
