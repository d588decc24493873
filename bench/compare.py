"""Prints our figures beside the CPython/JDK baselines of the same run, as ratios.

Usage: compare.py OURS.tsv PEERS_SUMMARY.tsv RATIOS.tsv
  OURS.tsv           lines name<TAB>value<TAB>unit (medians) from bench/run
  PEERS_SUMMARY.tsv  summary.tsv written by bench/peers/run-all.sh (name, median, unit, ...)
  RATIOS.tsv         lines ours<TAB>baseline<TAB>higher|lower<TAB>target (target optional, e.g.
                     ">=5" meaning "at least 5x better than the baseline"); '#' starts a comment;
                     a baseline "=N" is the constant N (an absolute target, e.g. "=1000" us)
The ratio is always "times better than the baseline": ours/baseline when higher is better,
baseline/ours when lower is better.
"""
import sys


def load(path, skip_header=False):
    rows = {}
    with open(path) as f:
        for i, line in enumerate(f):
            if (skip_header and i == 0) or line.startswith("#") or not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            try:
                rows[parts[0]] = (float(parts[1]), parts[2])
            except (IndexError, ValueError):
                continue
    return rows


def main(ours_path, peers_path, ratios_path):
    ours = load(ours_path)
    peers = load(peers_path, skip_header=True)
    print(f"{'figure':44} {'ours':>12} {'baseline':>12}  {'x better':>8}  target  vs")
    with open(ratios_path) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            mine, base, better = parts[0], parts[1], parts[2]
            target = parts[3] if len(parts) > 3 else ""
            known = peers | ours
            if base.startswith("="):
                known = dict(known, **{base: (float(base[1:]), "")})
            if mine not in ours or base not in known:
                continue
            a = ours[mine][0]
            b = known[base][0]
            ratio = (a / b) if better == "higher" else (b / a)
            ok = ""
            if target.startswith(">="):
                ok = "ok" if ratio >= float(target[2:]) else "MISSED"
            print(f"{mine:44} {a:12.3f} {b:12.3f}  {ratio:8.2f}  {target:6} {base} {ok}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
