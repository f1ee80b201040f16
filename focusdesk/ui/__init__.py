"""The PySide6 face of FocusDesk: the only package that imports Qt."""
