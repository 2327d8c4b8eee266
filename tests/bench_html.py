"""Benchmark: reading an HTML source's main text (issue 11 moved it to lxml + trafilatura).

Run: ``python tests/bench_html.py [--runs N] [--baseline TREE]``. Not a test: it prints the
median time of ``html_to_text`` on two pages built here, a small notice (20 KB) and a long
plan (about 900 KB, layout table and ``<br>``-split lines, as government sites write them),
and the same medians for the baseline tree's ``html_to_text`` (the hand-written tokenizer
before issue 11, e.g. a ``git worktree`` of 313a186), measured in the same run, each in its
own process so neither imports the other's modules. Also: the first call's extra cost
(imports), and peak memory of the long page's read.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_MEASURE = r"""
import json, resource, statistics, sys, time
pages = json.loads(sys.stdin.read())
start = time.perf_counter()
try:
    from reviewer.core.sources.htmltext import html_to_text
except ImportError:   # a tree from before the core was split into packages
    from reviewer.core.htmltext import html_to_text
html_to_text(pages["small"])
first = time.perf_counter() - start
out = {"first_call_s": first}
for name, markup in pages.items():
    times = []
    for _ in range(RUNS):
        t = time.perf_counter(); text = html_to_text(markup); times.append(time.perf_counter() - t)
    out[name] = {"median_s": statistics.median(times), "chars_out": len(text)}
out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def notice_page(paragraphs: int) -> str:
    """A page as a ministry's site serves it: chrome, a layout table, the text in one cell
    split by <br>, numbered headings, a data table at the end."""
    lines = []
    for i in range(paragraphs):
        if i % 40 == 0:
            lines.append(f"{'一二三四五六七八九十'[i // 40 % 10]}、第{i // 40 + 1}部分")
        elif i % 8 == 0:
            lines.append(f"（{'一二三四五六七八九十'[i // 8 % 10]}）分项要求")
        else:
            lines.append(f"第{i}段：推进碳捕集利用与封存示范工程建设，完善监测报告核查制度，"
                         f"落实财政和金融支持政策，加强跨部门协调。")
    rows = "".join(f"<tr><td>项目{i}</td><td>{i * 10}万吨</td><td>2025年</td></tr>" for i in range(50))
    return ("<!doctype html><html><head><meta charset='utf-8'><title>通知</title>"
            "<script>var x = 1;</script><style>td{font-size:14px}</style></head><body>"
            "<div class='nav'><a href='/'>首页</a> | <a href='/zc'>政策文件</a></div>"
            "<table width='100%'><tr><td><center><font size=5><b>关于推进试点建设的通知</b>"
            "</font></center></td></tr><tr><td><div id='zoom'>"
            + "<br>".join(lines) +
            f"</div><table border=1>{rows}</table></td></tr></table>"
            "<div class='footer'>主办单位 版权所有</div></body></html>")


def measure(tree: Path, pages: dict[str, str], runs: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree))
    done = subprocess.run([sys.executable, "-c", _MEASURE.replace("RUNS", str(runs))],
                          input=json.dumps(pages), capture_output=True, text=True, env=env,
                          cwd=tree, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--baseline", type=Path, default=Path("/tmp/before"),
                        help="a tree with the earlier reviewer (default /tmp/before)")
    args = parser.parse_args()
    pages = {"small": notice_page(60), "long": notice_page(2600)}
    print(f"pages: small {len(pages['small'].encode()) / 1024:.0f} KB, "
          f"long {len(pages['long'].encode()) / 1024:.0f} KB; {args.runs} runs each")
    results = {"now": measure(ROOT, pages, args.runs)}
    if (args.baseline / "reviewer").is_dir():
        results["baseline"] = measure(args.baseline, pages, args.runs)
    for name, r in results.items():
        print(f"{name:9} first call {r['first_call_s'] * 1000:7.1f} ms | small "
              f"{r['small']['median_s'] * 1000:7.1f} ms | long {r['long']['median_s'] * 1000:7.1f} ms "
              f"({r['long']['chars_out']} chars) | peak RSS {r['peak_rss_mb']:.0f} MB")
    if "baseline" in results:
        now, base = results["now"], results["baseline"]
        print(f"ratio now/baseline: small {now['small']['median_s'] / base['small']['median_s']:.1f}x, "
              f"long {now['long']['median_s'] / base['long']['median_s']:.1f}x")


if __name__ == "__main__":
    main()
