"""Public information tools: the class quiz (quiz/) and the self-test (selftest/)."""
