"""Pieces that several matchmaking tools share: the audit trail, coordinator mail, the
coordinator check and the figure registration helper. A piece that one tool owns lives there."""
