"""The quality loop: how far annotators agree (``agreement``) and how good each heuristic is
against their labels (``scorecard``). Pure functions over records; the CLI writes the files."""
