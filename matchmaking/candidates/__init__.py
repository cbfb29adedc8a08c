"""Candidates: the coordinators' pipeline of candidate companies and their hand-over."""
