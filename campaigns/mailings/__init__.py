"""Campaign mailings to school contacts through the outbox, and the unsubscribe link."""
