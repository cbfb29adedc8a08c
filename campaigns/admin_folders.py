"""Campaign admin: folders."""
