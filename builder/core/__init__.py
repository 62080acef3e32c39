"""Pieces every stage may use; ``builder.core`` imports nothing else from builder."""
