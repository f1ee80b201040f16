"""The welcome guide shown at the first start."""
