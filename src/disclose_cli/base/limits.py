"""The limits on input, in one place (docs/security.md says what each defends against)."""

FIRST_YEAR, LAST_YEAR = 1950, 2100  # the years the working-day calendar computes (and an override file may name)
# Working days a record or a figure adds to a date: at most about four years, far beyond any period the law sets,
# so that dates computed from a report stay inside the years the calendar covers.
MAX_WORKDAYS = 1000
