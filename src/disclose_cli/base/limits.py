"""The limits on input, in one place (docs/security.md says what each defends against)."""

FIRST_YEAR, LAST_YEAR = 1950, 2100  # the years the working-day calendar computes (and an override file may name)
# Working days a record or a figure adds to a date: at most about four years, far beyond any period the law sets,
# so that dates computed from a report stay inside the years the calendar covers.
MAX_WORKDAYS = 1000

# The fill-in workbook (disclose import): a unit's year is a few hundred rows; the limits refuse what is not one.
MAX_WORKBOOK_ROWS = 20_000  # non-empty rows in one sheet
MAX_WORKBOOK_FILE_BYTES = 64 * 2**20  # the .xlsx file as it lies on disk
MAX_WORKBOOK_UNPACKED_BYTES = 100 * 2**20  # all its parts unpacked: a zip bomb is refused before anything is read
