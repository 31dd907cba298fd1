"""Runs the walkthrough blocks of a Markdown file and checks that each step prints what they say.

The convention, in README.md:

- A walkthrough block is a fenced code block whose info string is ``bash walkthrough``. GitHub
  highlights it as bash; other ``bash`` blocks are not run.
- A step is one complete shell command; it may span lines (a trailing backslash, a quoted string
  over several lines). Every step of every walkthrough block runs in order in one bash process, so
  variables carry over, from the repository root.
- ``#=> expected`` at the end of a step's last line, or on lines of their own right after the step
  (they join), is what the step prints (its standard output). ``...`` in it matches any text. Output that is
  JSON (one value or several, such as jq's) is compared in compact form; all whitespace is ignored
  on both sides, so jq's pretty-printing and line breaks do not matter. A plain ``# comment`` is
  prose and checks nothing.
- A step fails when it exits non-zero or prints something else than its ``#=>``.

Usage: python3 scripts/walkthrough.py README.md   (scripts/walkthrough starts the local app first)
"""

import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass

FENCE = re.compile(r"^```+\s*(\S+)?(.*)$")
EXPECT = re.compile(r"(?:^|\s)#=>\s?(.*)$")
WILDCARD = "..."


@dataclass
class Step:
    line: int
    command: str
    expected: str | None = None


def blocks(markdown):
    """(first line number, lines) of each walkthrough block."""
    found, inside, start, lines = [], False, 0, []
    for number, line in enumerate(markdown.splitlines(), 1):
        fence = FENCE.match(line)
        if not inside and fence and fence.group(1) in ("bash", "sh") and "walkthrough" in fence.group(2).split():
            inside, start, lines = True, number + 1, []
        elif inside and line.strip().startswith("```"):
            found.append((start, lines))
            inside = False
        elif inside:
            lines.append(line)
    if inside:
        raise ValueError("walkthrough block opened at line %d is never closed" % (start - 1))
    return found


def complete(command):
    """True when bash can parse the command as it stands (no open quote, no trailing backslash)."""
    if command.rstrip().endswith("\\"):
        return False
    return subprocess.run(["bash", "-n", "-c", command], capture_output=True).returncode == 0


def steps(markdown):
    """The steps of every walkthrough block, in order."""
    result = []
    for start, lines in blocks(markdown):
        pending, first, attach = [], 0, False
        for offset, line in enumerate(lines):
            number = start + offset
            if not pending:
                stripped = line.strip()
                if stripped.startswith("#=>"):
                    if not attach:
                        raise ValueError("line %d: #=> follows no step" % number)
                    text = stripped[3:].strip()
                    step = result[-1]
                    step.expected = text if step.expected is None else step.expected + " " + text
                    continue
                attach = False
                if not stripped or stripped.startswith("#"):
                    continue
                first = number
            expected = EXPECT.search(line)
            if expected:
                line = line[:expected.start()]
            pending.append(line)
            command = "\n".join(pending)
            if complete(command):
                result.append(Step(first, command, expected.group(1).strip() if expected else None))
                pending, attach = [], True
            elif expected:
                raise ValueError("line %d: #=> on a line that does not end its step" % number)
        if pending:
            raise ValueError("line %d: the step does not end before its block does" % first)
    return result


def json_values(text):
    """The JSON values the text consists of, or None when it is not only JSON."""
    decoder, values, at = json.JSONDecoder(), [], 0
    text = text.strip()
    while at < len(text):
        try:
            value, end = decoder.raw_decode(text, at)
        except ValueError:
            return None
        values.append(value)
        at = end
        if at < len(text) and not text[at].isspace():
            return None  # 261130-0001 is text, not the numbers 261130 and -0
        while at < len(text) and text[at].isspace():
            at += 1
    return values or None


def normalized(output):
    values = json_values(output)
    if values is not None:
        output = " ".join(json.dumps(v, ensure_ascii=False, separators=(",", ":")) for v in values)
    return re.sub(r"\s+", "", output)


def matches(expected, output):
    """True when the output is what the #=> text says, `...` matching anything."""
    pattern = ".*?".join(re.escape(re.sub(r"\s+", "", part)) for part in expected.split(WILDCARD))
    return re.fullmatch(pattern, normalized(output), re.DOTALL) is not None


def run(all_steps, cwd, timeout):
    """Runs the steps in one bash; returns (exit status, stdout, stderr) per step, None where it never ran."""
    with tempfile.TemporaryDirectory(prefix="walkthrough.") as work:
        script = []
        for i, step in enumerate(all_steps):
            script.append("{\n%s\n} >'%s/%d.out' 2>'%s/%d.err' </dev/null\necho $? >'%s/%d.rc'"
                          % (step.command, work, i, work, i, work, i))
        path = os.path.join(work, "walkthrough.sh")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(script) + "\n")
        try:
            subprocess.run(["bash", path], cwd=cwd, timeout=timeout, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            pass
        results = []
        for i in range(len(all_steps)):
            rc = os.path.join(work, "%d.rc" % i)
            if not os.path.exists(rc):
                results.append(None)
                continue
            with open(rc) as f, open(os.path.join(work, "%d.out" % i), encoding="utf-8", errors="replace") as out, \
                    open(os.path.join(work, "%d.err" % i), encoding="utf-8", errors="replace") as err:
                results.append((int(f.read().strip() or 1), out.read(), err.read()))
        return results


def check(markdown, name="README.md", cwd=".", timeout=600, out=sys.stdout):
    """Runs and checks every step; prints each failure and a summary; returns the number of failures."""
    all_steps = steps(markdown)
    if not all_steps:
        print("%s has no walkthrough block" % name, file=out)
        return 1
    failures = 0
    for step, result in zip(all_steps, run(all_steps, cwd, timeout)):
        where = "%s:%d" % (name, step.line)
        if result is None:
            print("FAIL %s did not run (timed out after %d s)\n  %s" % (where, timeout, step.command), file=out)
            failures += 1
            continue
        status, stdout, stderr = result
        if status != 0:
            print("FAIL %s exited with %d\n  %s\n  stdout: %s\n  stderr: %s"
                  % (where, status, step.command, stdout.strip()[:2000], stderr.strip()[:2000]), file=out)
            failures += 1
        elif step.expected is not None and not matches(step.expected, stdout):
            print("FAIL %s printed something else than the README says\n  %s\n  README: %s\n  actual: %s"
                  % (where, step.command, step.expected, stdout.strip()[:2000]), file=out)
            failures += 1
    checked = sum(1 for s in all_steps if s.expected is not None)
    print("walkthrough of %s: %d steps, %d with an expected output, %d failed"
          % (name, len(all_steps), checked, failures), file=out)
    return failures


def main(argv):
    if len(argv) != 2:
        print("usage: walkthrough.py FILE.md", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        markdown = f.read()
    return 1 if check(markdown, os.path.basename(argv[1]), cwd=os.path.dirname(os.path.abspath(argv[1]))) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
