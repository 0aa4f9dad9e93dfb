"""A batch after execution: its lifecycle (in process → execution complete → under QA review →
released | rejected | on hold), the release gate evaluated from facts, and what QA's audit-trail
review flags. Pure rules: the plant server holds the state and supplies the facts."""
