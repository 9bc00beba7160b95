"""What every CSV and Excel download of the office shares."""


def safe_cell(value):
    """Stop a spreadsheet treating a cell as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
