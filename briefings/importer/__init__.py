"""The briefing importer: reads Markdown or plain text into a briefing, and writes one back out."""
