"""Demo data of matchmaking (seed.py): recognitions, workplaces, learners and agreements across
the tools, seeded by `manage.py seed_demo` through the core's demo extension hook."""
