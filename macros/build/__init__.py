"""The build: MkDocs hooks, the PDF and poster printing, staging, speed caches and search-engine tags."""
