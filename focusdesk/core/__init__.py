"""Pure domain logic: no Qt, no SQLAlchemy, no I/O, no system clock.

Everything here takes the current time as an argument so that tests (and the
services) decide what "now" is.
"""
