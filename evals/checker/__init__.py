"""Mutation evaluation of the checker (issue 3): base texts, error injection, recall per kind."""
