"""hygiene checks (placeholder until the checks land)."""

__all__: list[str] = []
