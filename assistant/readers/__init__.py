"""Readers: input files and existing reports -> Report / Document."""
