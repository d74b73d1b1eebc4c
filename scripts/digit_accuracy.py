#!/usr/bin/env python3
"""Per-digit accuracy of OCR against the true text of the same document.

Usage:
  python3 scripts/digit_accuracy.py TRUE.txt OCR.txt [more TRUE OCR pairs]
where both files are `thaiplan text` output (same normaliser, so Thai and
Arabic digits both read as ASCII values: the recognisers see values).

  T=target/release/thaiplan
  $T text ../shared/corpus/text/002_*.txt > /tmp/t002.txt
  THAIPLAN_OCR_CACHE=DIR $T text ../shared/corpus/scan/002_*.pdf > /tmp/o002.txt
  python3 scripts/digit_accuracy.py /tmp/t002.txt /tmp/o002.txt

Alignment: whitespace is removed and every digit masked as '#'. Each run of
digits in the true text is anchored by the 8 masked characters before it
(or, failing that, the 8 after it) when they occur exactly once in the OCR
text; the OCR run at the anchor is compared digit by digit (same length
runs) or counted all wrong (a digit lost or added). Unanchored runs are
reported as coverage, not scored. A page number heading a page (a line
that is only a 1-3 digit number right after a `---- page N ----` marker)
is dropped: the true text has none. Prints accuracy, coverage and the most
frequent confusions (true -> read).
"""
import collections
import re
import sys

CTX = 8


def load(path):
    out = []
    page_start = False
    for line in open(path, encoding="utf-8"):
        if line.strip().startswith("----"):
            page_start = True
            continue
        # Drop the `thaiplan text` line-number column.
        line = re.sub(r"^\s*\d+\t", "", line.rstrip("\n"))
        # A page number heading an OCR'd page: the true text (a text-layer
        # dump) has none, so it is not a reading to score.
        if page_start and re.fullmatch(r"\s*[-(]?\s*\d{1,3}\s*[-)]?\s*", line):
            page_start = False
            continue
        page_start = False
        out.append(line)
    s = re.sub(r"\s+", "", "".join(out))
    return s


def mask(s):
    return re.sub(r"[0-9]", "#", s)


def runs(s):
    return [(m.start(), m.end()) for m in re.finditer(r"[0-9]+", s)]


def score(true_s, ocr_s, conf, tot):
    mt, mo = mask(true_s), mask(ocr_s)
    ocr_runs = {a: b for a, b in runs(ocr_s)}
    for a, b in runs(true_s):
        tot["runs"] += 1
        tot["true_digits"] += b - a
        left = mt[max(0, a - CTX):a]
        right = mt[b:b + CTX]
        at = None
        if len(left) == CTX and mo.count(left) == 1:
            at = mo.index(left) + CTX
        elif len(right) == CTX and mo.count(right) == 1:
            end = mo.index(right)
            # The OCR run ending at `end`.
            start = end
            while start > 0 and ocr_s[start - 1].isdigit():
                start -= 1
            at = start
        if at is None:
            continue
        tot["anchored_runs"] += 1
        tot["digits"] += b - a
        ob = ocr_runs.get(at)
        got = ocr_s[at:ob] if ob else ""
        want = true_s[a:b]
        if len(got) == len(want):
            for t, o in zip(want, got):
                if t == o:
                    tot["correct"] += 1
                else:
                    conf[(t, o)] += 1
        else:
            conf[(want if len(want) <= 6 else want[:6] + "…", got or "∅")] += 1


def main():
    args = sys.argv[1:]
    if len(args) < 2 or len(args) % 2:
        sys.exit(__doc__)
    conf = collections.Counter()
    tot = collections.Counter()
    for i in range(0, len(args), 2):
        c1, t1 = collections.Counter(), collections.Counter()
        score(load(args[i]), load(args[i + 1]), c1, t1)
        print(f"{args[i + 1]}: {t1['correct']}/{t1['digits']} = "
              f"{t1['correct'] / max(1, t1['digits']):.4f} per digit "
              f"({t1['anchored_runs']}/{t1['runs']} runs anchored)")
        conf.update(c1)
        tot.update(t1)
    print(f"ALL: {tot['correct']}/{tot['digits']} = "
          f"{tot['correct'] / max(1, tot['digits']):.4f} per digit "
          f"({tot['anchored_runs']}/{tot['runs']} runs anchored, "
          f"{tot['true_digits']} true digits)")
    print("confusions (true -> read): " + ", ".join(
        f"{t}->{o} {n}" for (t, o), n in conf.most_common(20)))


if __name__ == "__main__":
    main()
