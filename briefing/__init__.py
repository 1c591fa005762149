"""Briefing: the command line and the application's settings."""
