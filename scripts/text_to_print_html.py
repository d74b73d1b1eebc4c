#!/usr/bin/env python3
"""The text corpus as a web page, the way LAO sites publish plans: runs of
TAB-separated lines become a bordered <table> whose cells wrap; other lines
become paragraphs. For Chromium print-to-PDF measurements (issue 13).

Usage: scripts/text_to_html.py IN.txt OUT.html
"""
import html
import sys

CSS = """body{font-family:%s;font-size:%dpt}
table{border-collapse:collapse;width:100%%}
td{border:1px solid #000;vertical-align:top;padding:2px 4px}
p{margin:0 0 4pt 0}"""


def to_html(lines, family="'Laksaman','TH Sarabun New',sans-serif", size_pt=14):
    """The page for these lines (scripts/font_scan.py sets its own face)."""
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'><style>",
           CSS % (family, size_pt), "</style></head><body>"]
    in_table = False
    for line in lines:
        if "\t" in line:
            if not in_table:
                out.append("<table>")
                in_table = True
            cells = "".join(f"<td>{html.escape(c)}</td>" for c in line.split("\t"))
            out.append(f"<tr>{cells}</tr>")
            continue
        if in_table:
            out.append("</table>")
            in_table = False
        if line.strip():
            out.append(f"<p>{html.escape(line)}</p>")
    if in_table:
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


def main():
    lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
    open(sys.argv[2], "w", encoding="utf-8").write(to_html(lines))


if __name__ == "__main__":
    main()
