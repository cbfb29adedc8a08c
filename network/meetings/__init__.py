"""Meetings of the bodies (the Netwerk, the POF, learning networks): bodies and mandates, the
meeting with its agenda, documents, invitations and the personal answer link, attendance,
minutes with decisions and actions, the .ics of an invitation, and the daily reminder."""
