"""FocusDesk's shipped data files (the top-level resources/ folder, installed as focusdesk.resources).

A regular package rather than a namespace one, so that every importer finds
it, a frozen bundle's included: focusdesk.services.resources locates the
files through this package's spec.
"""
