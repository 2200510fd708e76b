"""The reader site: pages, feeds, sitemaps and structured data over the domain's public content."""
