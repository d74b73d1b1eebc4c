#!/usr/bin/env python3
"""Re-write PDFs the ways researchers receive them (issue 13), one directory
per form, file names kept so `thaiplan eval` matches them to the same gold:

  aes128   qpdf --encrypt "" owner 128 --use-aes=y   (AESV2, R4, empty user password)
  aes256   qpdf --encrypt "" owner 256                (AESV3, R6, empty user password)
  bom      a UTF-8 BOM before %PDF
  http     an HTTP response header before %PDF (a saved raw response)
  zeros    4 KB of NUL bytes after %%EOF (a pre-allocated partial download)
  startxref  the startxref number pointing into the middle of an object
  xref     the bytes of the xref table's middle entries overwritten

Usage: scripts/make_pdf_variants.py SRC_DIR OUT_DIR [FORM...]
The damage functions are the ones tests/pdf_damaged.rs applies in Rust.
"""
import os
import re
import subprocess
import sys


def bom(b):
    return b"\xef\xbb\xbf" + b


def http(b):
    head = (
        "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n"
        f"Content-Length: {len(b)}\r\n\r\n"
    )
    return head.encode() + b


def zeros(b):
    return b + b"\0" * 4096


def startxref(b):
    i = b.rfind(b"startxref")
    m = re.match(rb"startxref\s+(\d+)", b[i:])
    wrong = str(int(m.group(1)) // 2).encode()
    return b[:i] + b"startxref\n" + wrong + b[i + m.end():]


def xref(b):
    i = b.rfind(b"\nxref")
    j = b.find(b"trailer", i)
    mid = (i + j) // 2
    return b[:mid] + b"#garbage# " * 8 + b[mid + 80:]


DAMAGE = {"bom": bom, "http": http, "zeros": zeros, "startxref": startxref, "xref": xref}
QPDF = {
    "aes128": ["--encrypt", "", "owner", "128", "--use-aes=y", "--"],
    "aes256": ["--encrypt", "", "owner", "256", "--"],
}


def main():
    src, out = sys.argv[1], sys.argv[2]
    forms = sys.argv[3:] or list(QPDF) + list(DAMAGE)
    for form in forms:
        d = os.path.join(out, form)
        os.makedirs(d, exist_ok=True)
        for name in sorted(os.listdir(src)):
            if not name.endswith(".pdf"):
                continue
            s, t = os.path.join(src, name), os.path.join(d, name)
            if form in QPDF:
                subprocess.run(["qpdf"] + QPDF[form][:-1] + ["--", s, t], check=True)
            else:
                with open(s, "rb") as f:
                    b = f.read()
                with open(t, "wb") as f:
                    f.write(DAMAGE[form](b))


if __name__ == "__main__":
    main()
