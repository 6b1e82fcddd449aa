"""Logging in, choosing the enterprise (and school) to act for, and the access decorators."""
