#!/usr/bin/env python3
"""Browser-printed HTML tables (issue 12): budget tables published as web
pages and printed to PDF by headless Chromium, in several fonts, sizes,
paper orientations and table styles. Writes fixtures/pdf/browser/NAME.pdf
and NAME.expect.json; the expectations come from the table data below,
not from thaiplan's output.

Usage: python3 scripts/make_browser_table_fixtures.py [OUTDIR]
Needs chromium and fonts-thai-tlwg (THAIPLAN_FIXTURE_TOOLS=1 bash scripts/setup.sh).

What each variant exercises (what a browser does to a table):
- whole rows boxed by their own rules: a header row alone at the foot of
  a page, a total row opening the next page (forced page breaks);
- rows split by a page break (no closing rule), long cells wrapping;
- rowspan dimension/mission cells whose borders are drawn per row;
- <thead> repeated on every page; vertical-align: middle;
- Chromium's own page header/footer (date, title, URL, "1/3");
- A4/Letter/A5, portrait/landscape, Laksaman/Garuda/Norasi/Loma.

Known limits, kept out of the data: a space where the browser wraps a
line is not drawn (Chromium draws no trailing space glyph), so it cannot
be told from a break between two Thai words: project names here have no
inner spaces. A rowspan cell cut by a page break is painted over the next
row's cell by Chromium (overprinted text): the rowspan variant breaks
pages before each dimension so that no rowspan crosses a page.
"""
import html
import json
import os
import subprocess
import sys
import tempfile

THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")

ORG = "องค์การบริหารส่วนตำบลหนองบัว"
NAMES = [
    "โครงการส่งเสริมคุณธรรมและจริยธรรมสำหรับบุคลากร",
    "มาตรการเปิดเผยข้อมูลสาธารณะและกำกับติดตามการเผยแพร่ข้อมูลสาธารณะของ" + ORG,
    "โครงการอบรมให้ความรู้เกี่ยวกับกฎหมายและระเบียบที่เกี่ยวข้องกับการปฏิบัติงานแก่ผู้บริหารสมาชิกสภาท้องถิ่นและพนักงาน",
    "มาตรการจัดการเรื่องร้องเรียน/ร้องทุกข์",
    "กิจกรรมการจัดบริการสาธารณะและการบริการประชาชนเพื่อให้เกิดความพึงพอใจแก่ประชาชนโดยทัดเทียมกันและไม่เลือกปฏิบัติ",
    "โครงการจัดทำแผนการตรวจสอบภายในประจำปี",
    "มาตรการ “ส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม”",
    "โครงการเยาวชนรุ่นใหม่ร่วมใจต้านทุจริต",
    "กิจกรรมเชิดชูเกียรติบุคคลดำรงตนตามปรัชญาเศรษฐกิจพอเพียง",
    "มาตรการส่งเสริมการมีส่วนร่วมของประชาชนในการตรวจสอบการจัดซื้อจัดจ้าง",
]
DIMS = {
    1: "การสร้างวัฒนธรรมสุจริต",
    2: "การบริหารราชการด้วยความโปร่งใส",
    3: "การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน",
    4: "การยกระดับกลไกการตรวจสอบการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น",
}
MISSIONS = {
    "1.1": "การเสริมสร้างจิตสำนึกและความตระหนักแก่บุคลากรทั้งข้าราชการการเมืองฝ่ายบริหาร ข้าราชการการเมืองฝ่ายสภาท้องถิ่น และฝ่ายประจำขององค์กรปกครองส่วนท้องถิ่น",
    "1.2": "การเสริมสร้างจิตสำนึกและความตระหนักแก่ประชาชนทุกภาคส่วนในท้องถิ่น",
    "2.1": "การเปิดเผยข้อมูลสาธารณะขององค์กรปกครองส่วนท้องถิ่น",
    "2.3": "มาตรการลดการใช้ดุลพินิจในการปฏิบัติงาน",
    "3.2": "การรับฟังความคิดเห็น การรับและตอบสนองเรื่องร้องเรียน/ร้องทุกข์ของประชาชน",
    "4.1": "การส่งเสริมให้มีการตรวจสอบการปฏิบัติราชการ",
}


def plan(years, layout):
    """Rows (dimension, mission, number, name, budgets) over the years."""
    rows = []
    n = 0
    for dim, missions in layout:
        for mission, count in missions:
            for _ in range(count):
                n += 1
                base = [0, 5000, 10000, 20000, 30000, 50000, 150000][(n * 3) % 7]
                budgets = [base if (n + k) % 4 else base // 2 for k in range(len(years))]
                rows.append((dim, mission, n, NAMES[(n - 1) % len(NAMES)], budgets))
    return rows


def money(v, digits):
    s = "-" if v == 0 else f"{v:,}"
    return s.translate(THAI) if digits == "thai" else s


def num(s, digits):
    return str(s).translate(THAI) if digits == "thai" else str(s)


def render(v):
    years, rows, digits = v["years"], v["rows"], v["digits"]
    css = [
        f"@page{{size:{v['page']};margin:{v.get('margin', '12mm')}}}",
        f"body{{font-family:'{v['font']}',sans-serif;font-size:{v['size']}}}",
        "table{border-collapse:collapse" + (";width:100%" if v.get("full") else "") + "}",
        f"td,th{{border:{v.get('border', '1px solid #000')};padding:{v.get('pad', '2px')};"
        f"vertical-align:{v.get('valign', 'top')};font-weight:normal}}",
        ".pb{break-before:page}",
    ]
    out = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>{html.escape(v['title'])}</title><style>",
        "\n".join(css),
        "</style></head><body>",
        f"<p>แผนปฏิบัติการป้องกันการทุจริต พ.ศ. {num(years[0], digits)} - {num(years[-1], digits)}</p>",
        f"<p>{ORG} อำเภอเมือง จังหวัดขอนแก่น</p>",
        "<p>ส่วนที่ 2 แผนปฏิบัติการป้องกันการทุจริต</p>",
        "<table>",
    ]
    head = ["มิติ", "ภารกิจตามมิติ", "โครงการ/กิจกรรม/มาตรการ"]
    head += [f"ปี {num(y, digits)} งบประมาณ (บาท)" for y in years] + ["หมายเหตุ"]
    tag = "th" if v.get("thead") else "td"
    head_row = "<tr>" + "".join(f"<{tag}>{h}</{tag}>" for h in head) + "</tr>"
    out.append(f"<thead>{head_row}</thead><tbody>" if v.get("thead") else head_row)
    breaks = set(v.get("breaks", []))
    k = 0
    for dim in sorted({r[0] for r in rows}):
        drows = [r for r in rows if r[0] == dim]
        first_dim = True
        for mission in sorted({r[1] for r in drows}):
            mrows = [r for r in drows if r[1] == mission]
            for i, (_, _, n, name, budgets) in enumerate(mrows):
                k += 1
                cls = " class='pb'" if k in breaks else ""
                cells = []
                if v.get("rowspan"):
                    if first_dim:
                        cells.append(f"<td rowspan='{len(drows)}'>{num(dim, digits)}. {DIMS[dim]}</td>")
                    if i == 0:
                        cells.append(f"<td rowspan='{len(mrows)}'>{num(mission, digits)} {MISSIONS[mission]}</td>")
                else:
                    cells.append(f"<td>{num(dim, digits)}. {DIMS[dim]}</td>" if first_dim else "<td></td>")
                    cells.append(f"<td>{num(mission, digits)} {MISSIONS[mission]}</td>" if i == 0 else "<td></td>")
                first_dim = False
                cells.append(f"<td>{num(n, digits)}) {html.escape(name)}</td>")
                cells += [f"<td>{money(b, digits)}</td>" for b in budgets] + ["<td></td>"]
                out.append(f"<tr{cls}>" + "".join(cells) + "</tr>")
        k += 1
        cls = " class='pb'" if k in breaks else ""
        tot = [sum(r[4][j] for r in drows) for j in range(len(years))]
        # the dimension cell spans only its projects: the total row has its own
        cells = ["<td></td>", "<td>รวม</td>", f"<td>จำนวน {num(len(drows), digits)} โครงการ</td>"]
        cells += [f"<td>จำนวน {money(t, digits)} บาท</td>" for t in tot] + ["<td></td>"]
        out.append(f"<tr{cls}>" + "".join(cells) + "</tr>")
    tot = [sum(r[4][j] for r in rows) for j in range(len(years))]
    cells = ["<td></td>", "<td>รวมทั้งสิ้น</td>", f"<td>จำนวน {num(len(rows), digits)} โครงการ</td>"]
    cells += [f"<td>{money(t, digits)}</td>" for t in tot] + ["<td></td>"]
    out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>" if v.get("thead") else "</table>")
    out.append("<p>ส่วนที่ 3 รายละเอียดโครงการ/กิจกรรม/มาตรการ</p></body></html>")
    return "\n".join(out)


def expect(v):
    years, rows = v["years"], v["rows"]
    return {
        "$comment": v["comment"],
        "doc_kind": "plan",
        "/budget_table/years": years,
        "/budget_table/rows": [
            {
                "dimension": d,
                "mission": m,
                "number": str(n),
                "name": name,
                "budgets": [float(b) for b in budgets],
            }
            for d, m, n, name, budgets in rows
        ],
        "$warnings_exclude": ["table_totals_mismatch", "table_row_amounts_mismatch"],
        "$checks_failed": [],
    }


FOUR = [2566, 2567, 2568, 2569]
FIVE = [2566, 2567, 2568, 2569, 2570]
LAYOUT = [(1, [("1.1", 2), ("1.2", 1)]), (2, [("2.1", 1), ("2.3", 2)]), (3, [("3.2", 1)]), (4, [("4.1", 1)])]
VARIANTS = [
    {
        "name": "chromium_a4_portrait_breaks",
        "comment": "Chromium print of a bordered HTML table (A4 portrait, Laksaman 14pt, every row boxed): a page break after the header row and one before a total row; whole rows are never joined across the break.",
        "page": "A4 portrait", "font": "Laksaman", "size": "14pt", "years": FOUR,
        "digits": "arabic", "breaks": [1, 4], "title": "แผนปฏิบัติการ",
    },
    {
        "name": "chromium_letter_rowspan_thai_digits",
        "comment": "Chromium print, Letter landscape, Norasi 11pt, Thai digits, rowspan dimension/mission cells (their borders drawn per row, so a rule piece below its last crossing rule must still join the table), a page break before each dimension.",
        "page": "letter landscape", "font": "Norasi", "size": "11pt", "years": FIVE,
        "digits": "thai", "rowspan": True, "pad": "3px 4px", "title": "แผน", "breaks": [5, 9, 11],
    },
    {
        "name": "chromium_a4_landscape_thead_footer",
        "comment": "Chromium print with its own page header/footer (date, title, file URL, page n/m), A4 landscape, Garuda 11pt, <thead> repeated on every page, cells centred vertically, full-width table.",
        "page": "A4 landscape", "font": "Garuda", "size": "11pt", "years": FIVE,
        "digits": "arabic", "thead": True, "valign": "middle", "full": True,
        "footer": True, "breaks": [5], "title": "แผนปฏิบัติการป้องกันการทุจริต",
    },
    {
        "name": "chromium_a5_narrow_loma",
        "comment": "Chromium print on A5 portrait (narrow columns: every cell wraps, rows split by page breaks), Loma 10pt, thin grey borders, four years.",
        "page": "A5 portrait", "font": "Loma", "size": "10pt", "years": FOUR,
        "digits": "arabic", "border": "0.5px solid #666", "margin": "8mm", "title": "plan",
    },
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "fixtures/pdf/browser"
    os.makedirs(out, exist_ok=True)
    chromium = next((c for c in ("chromium", "chromium-browser", "google-chrome") if subprocess.run(["which", c], capture_output=True).returncode == 0), None)
    if not chromium:
        sys.exit("chromium not installed (THAIPLAN_FIXTURE_TOOLS=1 bash scripts/setup.sh)")
    with tempfile.TemporaryDirectory() as tmp:
        for v in VARIANTS:
            v["rows"] = plan(v["years"], LAYOUT)
            page = os.path.join(tmp, v["name"] + ".html")
            with open(page, "w", encoding="utf-8") as f:
                f.write(render(v))
            pdf = os.path.join(out, v["name"] + ".pdf")
            args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}"]
            if not v.get("footer"):
                args.append("--no-pdf-header-footer")
            subprocess.run(args + [page], check=True, capture_output=True)
            with open(os.path.join(out, v["name"] + ".expect.json"), "w", encoding="utf-8") as f:
                json.dump(expect(v), f, ensure_ascii=False, indent=2)
                f.write("\n")
            print(pdf, os.path.getsize(pdf))


if __name__ == "__main__":
    main()
