"""Omissions: a clause of the source left out of the translation (issue 15 item 2)."""
