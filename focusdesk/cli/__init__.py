"""The ``focusdesk`` command line: the same services as the app, in a terminal."""
