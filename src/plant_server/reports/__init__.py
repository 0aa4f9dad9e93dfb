"""The plant server's batch report PDF (reportlab, no Qt): :mod:`.pdf` lays out the
domain's report document, :mod:`.fonts` finds an embeddable Japanese TrueType font."""
