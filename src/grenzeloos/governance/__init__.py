"""Governance and trust: the bodies of a collaboration, their decisions and votes (issue 23)."""
