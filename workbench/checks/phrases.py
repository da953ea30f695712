"""Consistency of recurring phrases and names that are not in the glossary, across articles (issue 15 item 1)."""
