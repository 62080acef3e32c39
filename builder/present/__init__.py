"""The only place numbers become text: formatting and one typed context per output."""
