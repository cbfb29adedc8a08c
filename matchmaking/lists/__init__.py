"""Lists: the risk list, the shared waiting list and the "recognised but inactive" list."""
