"""``procedurekit deadline --jsonl``: the batch endpoint's answers, one line per request line,
streaming, without the server extra; ``serve`` without the extra says what to install."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from conftest import DEADLINES
from procedurekit.cli import EXIT_USAGE

#: Runs the CLI with Starlette and uvicorn made unimportable (as without the extra).
WITHOUT_EXTRA = (
    "import sys; sys.modules['starlette'] = None; sys.modules['uvicorn'] = None; "
    "from procedurekit.cli import main; sys.exit(main(sys.argv[1:]))"
)


def _cli(*argv: str, stdin: str = "", blocked: bool = False) -> subprocess.CompletedProcess[str]:
    head = ["-c", WITHOUT_EXTRA] if blocked else ["-m", "procedurekit"]
    return subprocess.run(
        [sys.executable, *head, *argv],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_jsonl_answers_what_the_batch_endpoint_answers(client: Any) -> None:
    junk = [{"received": "2026-02-30", "phrase": "5 ngày"}, [1], {"received": "2026-01-05"}]
    requests = [*DEADLINES, *junk]
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in requests) + "\n"
    done = _cli("deadline", "--jsonl", stdin=lines, blocked=True)
    assert done.returncode == 0, done.stderr
    answers = [json.loads(x) for x in done.stdout.splitlines()]
    batch = client.post("/v1/deadlines/batch", json={"requests": requests}).json()["answers"]
    assert len(answers) == len(batch) == len(requests)
    for number, (line, item) in enumerate(zip(answers, batch, strict=True), start=1):
        if "problem" in item:
            # the same problem, its path from the line's own root, and the line number
            assert line["problem"]["line"] == number
            assert line["problem"]["type"] == item["problem"]["type"]
            assert item["problem"]["path"].endswith(line["problem"]["path"].removeprefix("$"))
        else:
            assert line == item


def test_jsonl_answers_bad_lines_and_skips_blank_ones() -> None:
    stdin = '{"received": "2026-03-02", "phrase": "1 ngày"}\n\n   \nnot json\n{"received": 1}\n'
    done = _cli("deadline", "--jsonl", stdin=stdin)
    answers = [json.loads(x) for x in done.stdout.splitlines()]
    assert done.returncode == 0
    assert [next(iter(a)) for a in answers] == ["deadline", "problem", "problem"]
    assert answers[1]["problem"]["status"] == 400
    assert answers[1]["problem"]["line"] == 4
    assert answers[2]["problem"]["path"] == "$.received"


def test_jsonl_streams_one_answer_per_line_as_read() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "procedurekit", "deadline", "--jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert proc.stdin is not None
    assert proc.stdout is not None
    try:
        for request in DEADLINES[:3]:
            proc.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
            proc.stdin.flush()
            answer = json.loads(proc.stdout.readline())  # before the next line is written
            assert "deadline" in answer
    finally:
        proc.stdin.close()
        code = proc.wait(timeout=30)
        proc.stdout.close()
    assert code == 0


def test_jsonl_takes_no_per_request_option() -> None:
    done = _cli("deadline", "--jsonl", "--working-days", "5")
    assert done.returncode == EXIT_USAGE
    assert "--jsonl" in done.stderr


def test_serve_without_the_extra_names_it() -> None:
    done = _cli("serve", "--port", "1", blocked=True)
    assert done.returncode == EXIT_USAGE
    assert "pip install 'procedurekit[server]'" in done.stderr
    assert "Traceback" not in done.stderr
