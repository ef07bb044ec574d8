"""Every `procedurekit` command shown in the README's shell blocks runs as printed."""

from __future__ import annotations

import io
import re
import shlex
from pathlib import Path

import pytest
from _paths import ROOT

from procedurekit.cli import EXIT_CLEAN, EXIT_FINDINGS, main


def _commands() -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    commands: list[str] = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        env: dict[str, str] = {}
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split("  #")[0].strip()
            if m := re.fullmatch(r"(\w+)=(\S+)", line):
                env[m.group(1)] = m.group(2)
            elif line.startswith("procedurekit "):
                for name, value in env.items():
                    line = line.replace(f"${name}", value)
                commands.append(line)
    return commands


COMMANDS = _commands()


def test_the_readme_shows_commands() -> None:
    assert len(COMMANDS) >= 5


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_runs(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    argv = shlex.split(command)[1:]
    argv = [str(ROOT / a) if a.startswith("src/") else a for a in argv]
    monkeypatch.chdir(tmp_path)  # files a command writes (report.html) land here
    out = io.StringIO()
    code = main(argv, out=out)
    # validate, audit and metrics find the samples' deliberate mistakes (metrics: an unknown
    # procedure and unreadable times change what it counts): exit 1 is their success.
    expected = EXIT_FINDINGS if argv[0] in {"validate", "audit", "metrics"} else EXIT_CLEAN
    assert code == expected, out.getvalue()[-2000:]
    assert out.getvalue().strip()
    if "--html" in argv:
        assert (tmp_path / argv[argv.index("--html") + 1]).is_file()
