"""Body rules: one module a rule (``RULE`` and ``check(analysis, ctx)``), read from one analysis."""
