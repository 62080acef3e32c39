"""The officers' web app behind ``builder serve``: meetings, uploads, builds, downloads, checks."""
