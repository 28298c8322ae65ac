"""The README's Quick start stays true: two commands, and CI runs the second word for word."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1]
    blocks = re.findall(r"```bash\n(.*?)```", section, flags=re.S)
    assert len(blocks) >= 1, "the Quick start needs a ```bash block"
    return [line for line in blocks[0].splitlines() if line.strip()]


def test_quick_start_has_exactly_two_commands() -> None:
    commands = _quick_start_commands()
    assert len(commands) == 2, commands
    assert "examples/petro_noem.py" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_both_readme_commands_in_a_fresh_venv() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in _quick_start_commands():
        assert command in ci, command
    venv = next(i for i, line in enumerate(ci) if "-m venv" in line)
    assert venv < ci.index(_quick_start_commands()[0]), "the README runs inside the fresh venv"
