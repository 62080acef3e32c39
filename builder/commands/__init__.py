"""One module per CLI command; each exposes ``register(app)``. Errors are raised, never printed."""
