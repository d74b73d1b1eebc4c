#!/usr/bin/env python3
"""Render a text-corpus document (../shared/corpus/text/*.txt) as a web page,
in one of several page styles, for the HTML-input tests (issue 13).

    python3 scripts/text_to_html.py STYLE IN.txt OUT.html

The text format: one line per paragraph; a line with TABs is a table row
(cells; `<p>a</p> <p>b</p>` = several paragraphs in one cell); `**x**` bold.
Consecutive TAB lines become one <table>. Styles (the ways LAO sites and
tools publish a plan as a page):

  plain      a bare export: <p> per line, <table> with </td> and <tbody>.
  wordpress  a CMS theme: header, nav menu and a sidebar of links (with
             plan-like words in them), footer, scripts; cells use <br>
             between paragraphs; empty <p>&nbsp;</p> between paragraphs;
             runs of empty cells after text become colspan.
  win874     Windows-874 bytes with <meta http-equiv charset=windows-874>,
             upper-case tags, unclosed <p>/<td>/<tr>, Thai as raw bytes.
  entities   every non-ASCII character as a numeric reference (&#3649;),
             <div> per line, <th> for a table's first row, layout table
             around the whole page.
"""
import html
import re
import sys


def esc(s):
    return html.escape(s, quote=False)


def inline(s, style):
    """Escape, then **x** -> <strong>x</strong>."""
    out = []
    parts = s.split("**")
    for i, p in enumerate(parts):
        t = esc(p)
        if style == "entities":
            t = "".join(c if ord(c) < 128 else "&#%d;" % ord(c) for c in t)
        if i % 2 == 1 and i < len(parts) - 1:
            out.append("<strong>%s</strong>" % t)
        else:
            out.append(("**" if i % 2 == 1 else "") + t)
    return "".join(out)


def cell_html(c, style):
    paras = re.findall(r"<p>(.*?)</p>", c)
    if not paras:
        return inline(c, style)
    if style == "wordpress":
        return "<br />\n".join(inline(p, style) for p in paras)
    return "".join("<p>%s</p>" % inline(p, style) for p in paras)


def table_html(rows, style):
    out = []
    if style == "win874":
        out.append("<TABLE BORDER=1>")
    else:
        out.append('<table class="table" border="1">')
        if style == "plain":
            out.append("<tbody>")
    for ri, row in enumerate(rows):
        cells = row.split("\t")
        tag = "th" if style == "entities" and ri == 0 else "td"
        if style == "win874":
            out.append("<TR>" + "".join("<TD>%s" % cell_html(c, style) for c in cells))
            continue
        parts = []
        i = 0
        while i < len(cells):
            c = cells[i]
            span = 1
            if style == "wordpress" and c.strip():
                while i + span < len(cells) and cells[i + span] == "" and i + span < len(cells) - 1:
                    span += 1
            attr = ' colspan="%d"' % span if span > 1 else ""
            parts.append("<%s%s>%s</%s>" % (tag, attr, cell_html(c, style), tag))
            i += span
        out.append("<tr>" + "".join(parts) + "</tr>")
    if style == "plain":
        out.append("</tbody>")
    out.append("</TABLE>" if style == "win874" else "</table>")
    return "\n".join(out)


def body_html(lines, style):
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if "\t" in line:
            j = i
            while j < len(lines) and "\t" in lines[j]:
                j += 1
            out.append(table_html(lines[i:j], style))
            i = j
            continue
        if not line.strip():
            if style == "wordpress":
                out.append("<p>&nbsp;</p>")
        elif style == "win874":
            out.append("<P>%s" % inline(line, style))
        elif style == "entities":
            out.append("<div>%s</div>" % inline(line, style))
        else:
            out.append("<p>%s</p>" % inline(line, style))
        i += 1
    return "\n".join(out)


WP_HEAD = """<!DOCTYPE html>
<html lang="th-TH">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>แผนปฏิบัติการป้องกันการทุจริต &#8211; องค์การบริหารส่วนตำบลตัวอย่าง</title>
<link rel="stylesheet" href="/wp-content/themes/x/style.css">
<style>.entry-content table td{border:1px solid #ccc}</style>
<script>var wp = {"ajax":"<p>not text</p>"};</script>
</head>
<body class="post-template-default single">
<a class="skip-link screen-reader-text" href="#content">ข้ามไปยังเนื้อหา</a>
<header id="masthead" class="site-header"><div class="site-branding">
<p class="site-title"><a href="/">องค์การบริหารส่วนตำบลตัวอย่าง</a></p></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">
<li><a href="/">หน้าหลัก</a></li><li><a href="/plan">แผนปฏิบัติการป้องกันการทุจริต ประจำปี 2566</a></li>
<li><a href="/report">รายงานผลการดำเนินงาน</a></li></ul></nav></header>
<div id="content" class="site-content"><main id="main" class="site-main">
<article class="post type-post"><div class="entry-content">
"""

WP_TAIL = """
</div></article></main>
<aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">เรื่องล่าสุด</h2>
<ul><li><a href="/a">ประกาศเจตจำนงสุจริต ปี 2567</a></li><li><a href="/b">งบประมาณ 50,000 บาท</a></li></ul></section></aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">© 2566 อบต.ตัวอย่าง โทร 0-7300-0000</div></footer>
<script src="/wp-includes/js/wp-embed.min.js"></script>
</body>
</html>
"""


def page(lines, style):
    body = body_html(lines, style)
    if style == "plain":
        return "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>export</title>\n</head>\n<body>\n%s\n</body>\n</html>\n" % body
    if style == "wordpress":
        return WP_HEAD + body + WP_TAIL
    if style == "win874":
        return ('<HTML>\n<HEAD>\n<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-874">\n'
                "<TITLE>plan</TITLE>\n</HEAD>\n<BODY BGCOLOR=#FFFFFF>\n%s\n</BODY>\n</HTML>\n" % body)
    if style == "entities":
        return ("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">\n<html><head><title>x</title></head><body>\n"
                "<table width=\"100%%\" role=\"presentation\"><tr><td valign=\"top\">\n%s\n</td></tr></table>\n</body></html>\n" % body)
    raise SystemExit("unknown style " + style)


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    style, src, dst = sys.argv[1:]
    with open(src, encoding="utf-8") as f:
        lines = f.read().split("\n")
    text = page(lines, style)
    data = text.encode("cp874", errors="xmlcharrefreplace") if style == "win874" else text.encode("utf-8")
    with open(dst, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
