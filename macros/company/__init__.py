"""The company file: its schema, the loader and its safety checks, the sector data merged under it, site-wide facts."""
