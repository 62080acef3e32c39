"""Context + template -> files. No arithmetic here; foreign objects never leave this package."""
