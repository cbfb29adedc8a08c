"""Matching runs: weights, exclusions, fixed matches, the run (services → tasks → work), its
proposals and their workflow, and the free places of a workplace (capacity)."""
