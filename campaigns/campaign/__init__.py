"""The campaign itself: its page, the school hub and checklist, feedback, and what every
campaign tool shares (access, role sets, recipients and unsubscribe tokens, PDF rendering,
the groupings of the reach figures)."""
