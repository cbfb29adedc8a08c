"""Campaign admin: calendar."""
