"""Response headers and request throttling that protect every page (docs/RELIABILITY.md)."""
