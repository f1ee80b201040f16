"""Platform backends that report the active window and idle time (see issue: activity tracking)."""
