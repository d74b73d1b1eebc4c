#!/usr/bin/env python3
"""Compare `thaiplan text` of each corpus .docx with the same document's text form.

Usage: scripts/docx_vs_text.py [path/to/thaiplan] [--show N]
Prints, per document: line counts, % of the text form's non-empty lines found
identical (in order, difflib alignment) in the DOCX output, and % of all lines.
"""
import difflib, glob, os, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
corpus = os.path.join(root, "..", "shared", "corpus")
exe = next((a for a in sys.argv[1:] if not a.startswith("--") and not a.isdigit()),
           os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(root, "target")), "debug", "thaiplan"))
show = int(sys.argv[sys.argv.index("--show") + 1]) if "--show" in sys.argv else 0

def text_of(path):
    out = subprocess.run([exe, "text", "--plain", path], capture_output=True, check=True).stdout.decode()
    return out.split("\n")[:-1] if out.endswith("\n") else out.split("\n")

tot_ne = tot_ne_hit = 0
for docx in sorted(glob.glob(os.path.join(corpus, "docx", "*.docx"))):
    stem = os.path.splitext(os.path.basename(docx))[0]
    t = text_of(os.path.join(corpus, "text", stem + ".txt"))
    d = text_of(docx)
    sm = difflib.SequenceMatcher(None, t, d, autojunk=False)
    hit = [False] * len(t)
    for a, b, n in sm.get_matching_blocks():
        for i in range(a, a + n):
            hit[i] = True
    ne = [i for i, l in enumerate(t) if l.strip()]
    ne_hit = sum(1 for i in ne if hit[i])
    tot_ne += len(ne); tot_ne_hit += ne_hit
    print(f"{stem[:3]}: text {len(t)} lines ({len(ne)} non-empty), docx {len(d)} lines; "
          f"identical non-empty lines {ne_hit}/{len(ne)} = {100*ne_hit/max(1,len(ne)):.1f}%; "
          f"all lines {sum(hit)}/{len(t)} = {100*sum(hit)/max(1,len(t)):.1f}%")
    if show:
        shown = 0
        for op, a1, a2, b1, b2 in sm.get_opcodes():
            if op == "equal" or all(not l.strip() for l in t[a1:a2]):
                continue
            print(f"  -- {op} text L{a1+1}-{a2} / docx L{b1+1}-{b2}")
            for l in t[a1:a2][:4]: print("   T|" + l[:150])
            for l in d[b1:b2][:4]: print("   D|" + l[:150])
            shown += 1
            if shown >= show: break
print(f"all: identical non-empty lines {tot_ne_hit}/{tot_ne} = {100*tot_ne_hit/max(1,tot_ne):.1f}%")
