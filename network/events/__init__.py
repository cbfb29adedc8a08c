"""Public events (/agenda/): registration with a waiting list, the iCal feed, the staff pages
with the registrations and their export, and the purge of old registrations."""
