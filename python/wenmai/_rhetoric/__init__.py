"""The rhetoric of official Chinese writing: the Python glue of ``wenmai-rhetoric``."""
