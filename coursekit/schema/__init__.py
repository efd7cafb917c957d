"""The instructor file formats: pydantic models, line-aware YAML reading, safe Markdown."""
