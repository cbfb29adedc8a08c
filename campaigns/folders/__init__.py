"""The personalised parent folder (PDF) per school, and the coordinators' batch."""
