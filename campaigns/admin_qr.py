"""Campaign admin: qr."""
