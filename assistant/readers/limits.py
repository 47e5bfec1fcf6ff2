"""The bounds on everything we read: one place, so messages and checks agree.

A file small on disk can expand when read (a zip bomb, an entity bomb, YAML aliases, deep nesting): every reader
checks these before it builds anything, and past a bound stops with a Chinese message naming the limit.
"""

from __future__ import annotations

# Zip packages (.docx, .xlsx) and zip uploads
MAX_MEMBERS = 1000  # files inside one package
MAX_MEMBER_BYTES = 64 * 1024 * 1024  # one member, inflated
MAX_PACKAGE_BYTES = 128 * 1024 * 1024  # all members together, inflated
MAX_RATIO = 200  # inflated / compressed, for members over RATIO_FLOOR bytes
RATIO_FLOOR = 1024 * 1024

# XML parts inside packages
MAX_XML_PART_BYTES = 16 * 1024 * 1024  # one XML part, inflated
MAX_XML_TAGS = 2_000_000  # "<" in all XML parts of a package
MAX_XML_TOKEN_BYTES = 64 * 1024  # one comment, CDATA section or processing instruction
MAX_XML_TEXT_BYTES = 1024 * 1024  # one text node or tag (a run without "<")
MAX_PARAGRAPHS = 20_000
MAX_TABLES = 1_000
MAX_CELLS = 200_000  # table cells of a Word document, cells of a workbook

# Text inputs
MAX_HTML_TAGS = 300_000  # tags of one HTML report page
MAX_REPORT_CHARS = 1_000_000  # the text of one existing report
MAX_NESTING = 100  # lists and mappings inside each other (YAML, JSON)
MAX_YAML_EXPANDED = 8_000_000  # characters of a YAML document once its aliases are expanded
MAX_YAML_ALIASES = 10_000
MAX_INT_DIGITS = 4_300  # Python's own limit for int(str)

# PDF reports, laid out in a child process (assistant.readers.pdf)
MAX_PDF_BYTES = 50 * 1024 * 1024
MAX_PDF_PAGES = 150
PDF_PAGE_SECONDS = 15.0  # one page
PDF_TOTAL_SECONDS = 180.0  # the whole file, the child's start included
PDF_MEMORY_BYTES = 1024 * 1024 * 1024  # the child's address space

# Old Word (.doc) and WPS (.wps) files, converted by LibreOffice
CONVERT_SECONDS = 120.0

# Web addresses
MAX_REDIRECTS = 5
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # one page or attachment
FETCH_SECONDS = 30.0  # one download


def mb(size: int) -> str:
    """A size in whole MB for messages ("64 MB")."""
    return f"{size // 1024 // 1024} MB"
