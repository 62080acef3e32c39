"""Typed configuration: pydantic schemas (every field documented) and their loaders."""
