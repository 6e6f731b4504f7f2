"""Pages of the responsibilities module under /responsibilities/ (stable URLs, docs/architecture.md):
objectives, budget, work plan, meetings and action items, statements. Thin: parse → selector or
service → render or redirect; a refused submission shows the form again with what was typed."""
