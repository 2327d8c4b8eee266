"""Benchmark: parse and edit time per record, seeds and a 1 MB-body record.

Run: ``python tests/bench_engine.py [--repeat N]``. Not a test (machines here are noisy):
it prints medians, and each figure next to a baseline measured in the same run, namely a
plain read of the file plus PyYAML's C loader on its frontmatter (``json.loads`` for JSON),
which is the least any reader of these files must do.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reviewer.core.record import frontmatter  # noqa: E402
from reviewer.core.record.document import RecordFile  # noqa: E402
from reviewer.core.record.editor import Change  # noqa: E402

SEEDS = sorted((ROOT / "seeds" / "records").glob("*.md"))


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def baseline(path: Path) -> None:
    split = frontmatter.split(path.read_bytes().decode("utf-8"))
    if split.format == "json":
        json.loads(split.frontmatter)
    else:
        yaml.load(split.frontmatter, Loader=yaml.CSafeLoader)


def big_record(folder: Path) -> Path:
    text = (SEEDS[0].read_text(encoding="utf-8") if "ordos" in SEEDS[0].name
            else (ROOT / "seeds" / "records" / "cn-ordos-pilot-2024.md").read_text(encoding="utf-8"))
    line = "鄂尔多斯 carbon peaking pilot body text, repeated to reach one megabyte.\n"
    body = line * (1_000_000 // len(line.encode("utf-8")) + 1)
    path = folder / "big.md"
    path.write_text(text + body, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=51)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cases = SEEDS + [big_record(Path(tmp))]
        print(f"{'record':<34} {'size':>9} {'baseline':>9} {'parse':>8} {'x':>6} "
              f"{'edit':>8} {'x':>6} {'save':>8}")
        for path in cases:
            size = path.stat().st_size
            base = median_ms(lambda: baseline(path), args.repeat)
            parse = median_ms(lambda: RecordFile.load(path), args.repeat)
            rf = RecordFile.load(path)
            change = Change(("analysis", "mrv", "score"), 71)
            edit = median_ms(lambda: rf.render([change]), args.repeat)
            work = Path(tmp) / f"save-{path.name}"
            work.write_bytes(path.read_bytes())

            def save_once() -> None:
                RecordFile.load(work).save([change])
                work.write_bytes(path.read_bytes())
            save = median_ms(save_once, max(5, args.repeat // 5))
            print(f"{path.stem[:34]:<34} {size:>9,} {base:>8.2f}ms {parse:>7.2f}ms {parse / base:>5.1f}x "
                  f"{edit:>7.2f}ms {edit / base:>5.1f}x {save:>7.2f}ms")
    print("parse = read + split + YAML 1.2 compose/construct + YAML 1.1 read + span tree;"
          " edit = splice + re-read both ways + schema check;"
          " save = load + edit + conflict check + atomic write (fsync) + restore copy")


if __name__ == "__main__":
    main()
