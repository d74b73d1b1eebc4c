#!/usr/bin/python3
"""Regenerate the inputs of fixtures/formats/ (issue 13) from
fixtures/formats/plan_excerpt.txt (the cover and Part-2 budget table of
shared document 000). The *.expect.json files, lao_news_page.html, table_fragment.htm and the
empty files are written by hand.

    /usr/bin/python3 scripts/make_format_fixtures.py

Needs python3-docx, LibreOffice (soffice) and chromium (Debian packages; see
scripts/setup.sh). Outputs:
  plan_{plain,wordpress,win874}.html, plan_entities.htm  scripts/text_to_html.py
  plan_browser_saved.html   chromium --dump-dom of the WordPress page, with
                            the "saved from url" comment browsers add
  html_saved_as.pdf         the plain page under a .pdf name
  plan_pre_dump.html        the text dump inside <pre>
  plan_single_file.mhtml    the WordPress page as Chromium's MHTML
  plan_excerpt_docx.docx    python-docx, one real table per TAB block
  plan_excerpt_{odt,doc,rtf}.*  LibreOffice conversions of that DOCX
  docx_cut_*.docx           the DOCX with word/document.xml cut off
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
F = os.path.join(HERE, "..", "fixtures", "formats")
SRC = os.path.join(F, "plan_excerpt.txt")


def run(*args, **kw):
    subprocess.run(args, check=True, **kw)


def html_variants():
    for style in ["plain", "wordpress", "win874"]:
        run(sys.executable, os.path.join(HERE, "text_to_html.py"), style, SRC,
            os.path.join(F, "plan_%s.html" % style))
    run(sys.executable, os.path.join(HERE, "text_to_html.py"), "entities", SRC,
        os.path.join(F, "plan_entities.htm"))
    shutil.copy(os.path.join(F, "plan_plain.html"), os.path.join(F, "html_saved_as.pdf"))
    # A text dump published inside <pre> (TABs are the cells).
    text = open(SRC, encoding="utf-8").read()
    with open(os.path.join(F, "plan_pre_dump.html"), "w", encoding="utf-8") as f:
        f.write("<html><body><pre>\n%s</pre></body></html>\n" % text.replace("&", "&amp;").replace("<", "&lt;"))
    chrome = shutil.which("chromium") or shutil.which("chromium-browser")
    if chrome:
        with tempfile.TemporaryDirectory() as prof:
            dom = subprocess.run(
                [chrome, "--headless", "--no-sandbox", "--disable-gpu",
                 "--user-data-dir=" + prof, "--dump-dom",
                 "file://" + os.path.abspath(os.path.join(F, "plan_wordpress.html"))],
                check=True, capture_output=True).stdout
        url = "https://www.example-lao.go.th/plan-2566"
        comment = b"<!-- saved from url=(%04d)%s -->\n" % (len(url), url.encode())
        doctype, _, rest = dom.partition(b"\n")
        with open(os.path.join(F, "plan_browser_saved.html"), "wb") as f:
            f.write(doctype + b"\n" + comment + rest)


def mhtml_variant():
    """What Chromium writes for "Webpage, Single File": MIME multipart/related,
    the page quoted-printable (an image part after it)."""
    import quopri
    page = open(os.path.join(F, "plan_wordpress.html"), "rb").read()
    b = "----MultipartBoundary--k0Zf3Wq8rD1vXyZ----"
    head = ("From: <Saved by Blink>\r\nSnapshot-Content-Location: https://www.example-lao.go.th/plan-2566\r\n"
            "Subject: plan\r\nDate: Mon, 8 Jan 2024 09:00:00 +0700\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"%s\"\r\n\r\n\r\n" % b)
    qp = quopri.encodestring(page).replace(b"\n", b"\r\n")
    body = (("--%s\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
             "Content-Transfer-Encoding: quoted-printable\r\n"
             "Content-Location: https://www.example-lao.go.th/plan-2566\r\n\r\n" % b).encode() + qp +
            ("\r\n\r\n--%s\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
             "Content-Location: https://www.example-lao.go.th/logo.png\r\n\r\niVBORw0KGgo=\r\n\r\n--%s--\r\n" % (b, b)).encode())
    with open(os.path.join(F, "plan_single_file.mhtml"), "wb") as f:
        f.write(head.encode() + body)


def docx_variant():
    import docx
    from docx.shared import Pt
    d = docx.Document()
    lines = open(SRC, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        if "\t" in lines[i]:
            j = i
            while j < len(lines) and "\t" in lines[j]:
                j += 1
            rows = [l.split("\t") for l in lines[i:j]]
            ncol = max(len(r) for r in rows)
            t = d.add_table(rows=len(rows), cols=ncol)
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    paras = re.findall(r"<p>(.*?)</p>", cell) or [cell]
                    tc = t.cell(r, c)
                    tc.text = paras[0]
                    for p in paras[1:]:
                        tc.add_paragraph(p)
            # Word always has a paragraph between two tables; without it
            # the .doc export merges them and loses the rows after the first.
            d.add_paragraph()
            i = j
            continue
        if lines[i].strip():
            p = d.add_paragraph()
            run_ = p.add_run(lines[i].replace("**", ""))
            run_.font.size = Pt(14)
        i += 1
    out = os.path.join(F, "plan_excerpt_docx.docx")
    d.save(out)
    return out


def converted(docx_path):
    with tempfile.TemporaryDirectory() as tmp:
        for ext, filt in [("odt", "writer8"), ("doc", "MS Word 97"), ("rtf", "Rich Text Format")]:
            run("soffice", "--headless", "--norestore",
                "-env:UserInstallation=file://" + os.path.join(tmp, "profile"),
                "--convert-to", "%s:%s" % (ext, filt), "--outdir", tmp, docx_path,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            shutil.copy(os.path.join(tmp, "plan_excerpt_docx." + ext),
                        os.path.join(F, "plan_excerpt_%s.%s" % (ext, ext)))


def cut_docx(docx_path):
    """Three cuts of word/document.xml: between paragraphs (well-formed
    prefix), inside a table row, and in the middle of a tag."""
    with zipfile.ZipFile(docx_path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    body = xml.index("<w:body>")
    paras = [m.end() for m in re.finditer(r"</w:p>", xml) if m.start() > body]
    rows = [m.end() for m in re.finditer(r"</w:tr>", xml)]
    cuts = {
        "docx_cut_between_paragraphs": paras[len(paras) // 3],
        "docx_cut_inside_table": rows[len(rows) // 2],
        "docx_cut_inside_tag": xml.index("<w:t", rows[len(rows) // 2]) + 3,
    }
    for name, at in cuts.items():
        with zipfile.ZipFile(os.path.join(F, name + ".docx"), "w", zipfile.ZIP_DEFLATED) as z:
            for n, data in parts.items():
                z.writestr(n, xml[:at].encode("utf-8") if n == "word/document.xml" else data)


def main():
    html_variants()
    mhtml_variant()
    d = docx_variant()
    converted(d)
    cut_docx(d)


if __name__ == "__main__":
    main()
