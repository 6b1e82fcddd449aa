"""Uploaded documents: checked by content, stored outside the web root under a random name."""
