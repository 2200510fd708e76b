"""Cross-cutting HTTP machinery: page cache, request log, health, availability, routing, cache."""
