"""The website's own tools, from the npm registry, for tests that check what we write the
way the site reads and checks it: prettier, gray-matter, commitlint.

``.ci/run`` installs them into a folder of the run and sets ``REVIEWER_NODE_PREFIX``; a
developer's run without it installs them once into ``~/.cache/reviewer-test-node``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

PACKAGES = ("prettier@3", "gray-matter@4", "@commitlint/cli@19", "@commitlint/config-conventional@19")


@dataclass(frozen=True)
class NodeTools:
    prefix: Path                   # holds node_modules/

    @property
    def bin(self) -> Path:
        return self.prefix / "node_modules" / ".bin"

    def prettier_check(self, folder: Path, *files: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.bin / "prettier"), "--check", *files], cwd=folder,
                              capture_output=True, text=True)

    def prettier_write(self, folder: Path, *files: str) -> None:
        subprocess.run([str(self.bin / "prettier"), "--write", "--log-level", "warn", *files],
                       cwd=folder, check=True, capture_output=True, text=True)

    def gray_matter(self, path: Path) -> dict:
        """What the website reads: ``{"data": ..., "content": ...}`` by gray-matter."""
        script = ("const m = require(process.argv[1]);"
                  "const r = m(require('fs').readFileSync(process.argv[2], 'utf8'), {cache: false});"
                  "process.stdout.write(JSON.stringify({data: r.data, content: r.content}));")
        out = subprocess.run(["node", "-e", script, str(self.prefix / "node_modules" / "gray-matter"),
                              str(path)], capture_output=True, text=True, check=True)
        return json.loads(out.stdout)

    def commitlint_hook(self) -> str:
        """The body of a husky ``commit-msg`` hook that runs commitlint (conventional)."""
        return f'#!/bin/sh\nexec "{self.bin / "commitlint"}" --edit "$1"\n'


def find_node_tools() -> NodeTools | None:
    """The tools, installed if need be; None when node or npm is missing."""
    given = os.environ.get("REVIEWER_NODE_PREFIX")
    prefix = Path(given) if given else Path.home() / ".cache" / "reviewer-test-node"
    if _complete(prefix):
        return NodeTools(prefix)
    if given:  # CI installed them there: a missing tool is a failure, never a skip
        raise RuntimeError(f"REVIEWER_NODE_PREFIX={given} lacks prettier, gray-matter or commitlint")
    if shutil.which("npm") is None or shutil.which("node") is None:
        return None
    prefix.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--prefix", str(prefix), "--no-audit", "--no-fund",
                    "--silent", *PACKAGES], check=True, capture_output=True, text=True)
    return NodeTools(prefix) if _complete(prefix) else None


def _complete(prefix: Path) -> bool:
    bins = prefix / "node_modules" / ".bin"
    return all((bins / name).exists() for name in ("prettier", "commitlint")) and \
        (prefix / "node_modules" / "gray-matter").is_dir()
