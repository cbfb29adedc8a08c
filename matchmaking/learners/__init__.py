"""Learners: the learner files (pages, filters, forms), their agreements, and their privacy:
the subject-access export, the erasure and the personal-data registry hook."""
