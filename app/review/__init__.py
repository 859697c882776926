"""The native speaker's review of a language: a pack of every text to read, and the sign-off
that comes back, applied to the checklist and the interface catalogue."""
