"""Campaign admin: mailings."""
