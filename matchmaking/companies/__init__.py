"""Companies: the company pages (workplaces), recognitions and the nightly recognition watch."""
