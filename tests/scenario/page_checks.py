"""Checks of an HTML report as a person meets it, reusable by any test: the
page in headless Chromium at a given width (what sticks out of the
viewport), printed to PDF on a given paper (whether every table's last
column stays on the page), and screenshots.  Chromium is driven over the
DevTools protocol by tests/cli/cdp.py (headless, no sandbox, no background
networking, a fresh profile removed afterwards); the PDF is read with
pdftotext (poppler-utils).

    import page_checks as pc
    with pc.browser() as b:                     # raises pc.Unavailable
        r = pc.overflow(b, "report.html", 360)  # {"document": ..., "offenders": [...], ...}
        pc.screenshot(b, "report.html", "r-360.png", 360)
        p = pc.print_check(b, "report.html", "r.pdf", paper="A4")
        # p["tables"]: each table's last column against the printable width
        # p["pdf"]: the PDF's paper, and the words it puts outside its pages

SPDX-License-Identifier: BSD-2-Clause
"""
import base64
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
import cdp  # noqa: E402

Unavailable = cdp.Unavailable

# paper sizes in inches, as Chromium's printToPDF takes them
PAPERS = {"A4": (8.27, 11.69), "Letter": (8.5, 11.0), "A3": (11.69, 16.54), "B5": (7.17, 10.12)}
# PDF points per inch, CSS pixels per inch
PT, PX = 72.0, 96.0
MARGIN_IN = 0.4          # Chromium's default margin (1 cm)

# a short, stable CSS selector path of an element (ids end it)
_PATH_JS = r"""
function bsPath(e){
  var parts=[];
  while(e&&e.nodeType===1&&parts.length<7){
    var s=e.tagName.toLowerCase();
    if(e.id){parts.unshift(s+'#'+e.id);break;}
    if(e.classList.length)s+='.'+Array.prototype.slice.call(e.classList,0,2).join('.');
    var p=e.parentElement;
    if(p){var same=Array.prototype.filter.call(p.children,function(c){return c.tagName===e.tagName;});
          if(same.length>1)s+=':nth-of-type('+(same.indexOf(e)+1)+')';}
    parts.unshift(s);e=p;
  }
  return parts.join(' > ');
}
"""

_OVERFLOW_JS = _PATH_JS + r"""
(function(){
  var vw=document.documentElement.clientWidth, de=document.documentElement;
  function clipper(e){
    for(var a=e.parentElement;a&&a!==document.body&&a!==de;a=a.parentElement){
      if(getComputedStyle(a).overflowX!=='visible')return a;}
    return null;}
  var out={viewport:vw,document:{scrollWidth:de.scrollWidth,clientWidth:de.clientWidth,
           bodyScrollWidth:document.body.scrollWidth},offenders:[],scrollers:[]};
  var all=document.querySelectorAll('body *'), els=[];
  for(var i=0;i<all.length;i++){
    var e=all[i], cs=getComputedStyle(e);
    if(cs.display==='none'||cs.visibility==='hidden')continue;
    var r=e.getBoundingClientRect();
    if(r.width===0&&r.height===0)continue;
    var ox=cs.overflowX, c=clipper(e);
    if((ox==='auto'||ox==='scroll')&&e.scrollWidth>e.clientWidth+1)
      out.scrollers.push({path:bsPath(e),scrollWidth:e.scrollWidth,clientWidth:e.clientWidth,
                          clipped:!!c});
    if(c)continue;
    if(r.right>vw+1||r.left<-1)
      els.push(e),out.offenders.push({path:bsPath(e),why:'wider than the viewport',left:Math.round(r.left),
                          right:Math.round(r.right),width:Math.round(r.width),
                          text:(e.textContent||'').trim().slice(0,80)});
    else if(ox==='visible'&&e.clientWidth>0&&e.scrollWidth>e.clientWidth+1&&r.left+e.scrollWidth>vw+1)
      els.push(e),out.offenders.push({path:bsPath(e),why:'content sticks out',left:Math.round(r.left),
                          scrollWidth:e.scrollWidth,clientWidth:e.clientWidth,
                          text:(e.textContent||'').trim().slice(0,80)});
  }
  // the innermost offenders name the cause (a long URL), the outer ones its containers
  // the innermost offenders, widest unbreakable content first, name the
  // cause (a long URL); the outer ones are only its containers
  function minContent(e){
    var c=e.cloneNode(true);
    c.style.cssText+=';position:absolute;visibility:hidden;left:0;top:0;width:min-content';
    e.parentElement.appendChild(c);
    var w=c.getBoundingClientRect().width;c.remove();return Math.round(w);}
  out.offenders.forEach(function(o,i){
    o.leaf=!els.some(function(f){return f!==els[i]&&els[i].contains(f);});
    if(o.leaf)o.min_content=minContent(els[i]);});
  return out;
})()
"""

_TABLES_JS = _PATH_JS + r"""
(function(printable){
  // Chromium prints at 4/3 of the printable width and shrinks a wider
  // document to fit, by up to half; what a scrolling or clipping box hides
  // is cut
  var de=document.documentElement, L=de.clientWidth, D=Math.max(L,de.scrollWidth);
  var page=Math.min(D,2*printable), out=[];
  document.querySelectorAll('table').forEach(function(t){
    var cs=getComputedStyle(t);
    if(cs.display==='none'||t.offsetParent===null)return;
    var r=t.getBoundingClientRect();
    if(r.width===0)return;
    var head=t.tHead&&t.tHead.rows.length?t.tHead.rows[t.tHead.rows.length-1]:t.rows[0];
    if(!head)return;
    var cells=Array.prototype.filter.call(head.cells,function(c){
      return getComputedStyle(c).display!=='none'&&c.getBoundingClientRect().width>0;});
    var all=head.cells.length, last=cells[cells.length-1], lr=last?last.getBoundingClientRect():null;
    var edge=page;
    for(var a=t.parentElement;a&&a!==document.body&&a!==de;a=a.parentElement)
      if(getComputedStyle(a).overflowX!=='visible'){
        var ar=a.getBoundingClientRect();edge=Math.min(edge,ar.left+a.clientWidth);}
    out.push({path:bsPath(t),left:Math.round(r.left),right:Math.round(r.right),
              width:Math.round(r.width),columns:all,shown_columns:cells.length,
              last_header:last?last.textContent.trim():null,
              headers:Array.prototype.map.call(head.cells,function(c){return c.textContent.trim();}),
              last_right:lr?Math.round(lr.right):null,edge:Math.round(edge),
              page_width:Math.round(page),scale:Math.round(1000*printable/page)/1000,
              inside:!!lr&&lr.right<=edge+1&&cells.length===all});
  });
  return out;
})(%d)
"""


def browser():
    """A headless Chromium (cdp.Browser); raises Unavailable without one."""
    return cdp.Browser()


def available():
    return cdp.find_chromium() is not None


def open_page(b, path, width, height=900, media=None):
    page = b.new_page(width=width, height=height)
    if media:
        page.call("Emulation.setEmulatedMedia", {"media": media})
    page.goto("file://" + os.path.abspath(path))
    return page


def overflow(b, path, width, height=900):
    """What sticks out of a viewport `width` CSS pixels wide: the document's
    scroll width against its client width, every element outside the
    viewport or whose content sticks out of it (not inside a scrolling or
    clipping box), with a selector path each (`leaf`: no offender inside
    it), and the scrolling boxes whose content is wider than they are."""
    page = open_page(b, path, width, height)
    try:
        r = page.eval(_OVERFLOW_JS)
    finally:
        b.call("Target.closeTarget", {"targetId": page.target})
    r["width"] = width
    r["overflows"] = r["document"]["scrollWidth"] > r["document"]["clientWidth"] or \
        bool(r["offenders"])
    return r


def describe_overflow(r, limit=8):
    """A few lines a person can act on."""
    lines = ["at %d px: document %d px wide for %d" % (r["width"], r["document"]["scrollWidth"],
                                                       r["document"]["clientWidth"])]
    leaves = sorted((o for o in r["offenders"] if o.get("leaf")),
                    key=lambda o: -o.get("min_content", 0)) or r["offenders"]
    for o in leaves[:limit]:
        lines.append("  %s: %s (%s; at least %s px wide) %r"
                     % (o["path"], o["why"], "right %s" % o.get("right") if "right" in o else
                        "%s of %s" % (o.get("scrollWidth"), o.get("clientWidth")),
                        o.get("min_content", "?"), o.get("text", "")))
    if len(leaves) > limit:
        lines.append("  ... and %d more" % (len(leaves) - limit))
    return "\n".join(lines)


def screenshot(b, path, png, width, full=True, height=900, media=None):
    """A screenshot of the page at `width` (the whole page, up to 16,000 px
    high, or the first `height` pixels)."""
    page = open_page(b, path, width, height, media)
    try:
        page.screenshot(png, full=full, width=width, height=None if full else height)
    finally:
        b.call("Target.closeTarget", {"targetId": page.target})
    return png


def screenshot_element(b, path, png, width, selector, height=900, pad=8):
    """A screenshot of one element (the first matching `selector`) at
    `width`, with what sticks out of the viewport to its right, if any."""
    page = open_page(b, path, width, height)
    try:
        box = page.eval("(function(){var e=document.querySelector(%s);if(!e)return null;"
                        "var r=e.getBoundingClientRect();return [r.left+scrollX,r.top+scrollY,"
                        "Math.max(r.width,e.scrollWidth),r.height];})()" % json.dumps(selector))
        if box is None:
            raise cdp.CdpError("no element %s in %s" % (selector, path))
        x, y, w, h = box
        clip = {"x": max(0, x - pad), "y": max(0, y - pad), "width": w + 2 * pad,
                "height": min(h + 2 * pad, 8000), "scale": 1}
        data = page.call("Page.captureScreenshot", {"format": "png", "clip": clip,
                                                    "captureBeyondViewport": True})["data"]
    finally:
        b.call("Target.closeTarget", {"targetId": page.target})
    with open(png, "wb") as fh:
        fh.write(base64.b64decode(data))
    return png


def printable_width_px(paper, margin_in=MARGIN_IN, landscape=False):
    w, h = PAPERS[paper]
    if landscape:
        w, h = h, w
    return int((w - 2 * margin_in) * PX)


def print_tables(b, path, paper="A4", margin_in=MARGIN_IN, landscape=False):
    """Each visible table laid out as Chromium prints it (print media, 4/3 of
    the paper's printable width, a wider document shrunk by up to half):
    its last shown column's right edge against the edge that cuts it (the
    page, or a scrolling box around the table), and whether columns were
    hidden.  The PDF itself is the judge (print_check); this says why."""
    width = printable_width_px(paper, margin_in, landscape)
    page = open_page(b, path, width * 4 // 3, 1200, media="print")
    try:
        return page.eval(_TABLES_JS % width)
    finally:
        b.call("Target.closeTarget", {"targetId": page.target})


def print_pdf(b, path, pdf, paper=None, margin_in=MARGIN_IN, landscape=False):
    """Print the page to `pdf`: on `paper` (A4, Letter...), or with paper
    None on the page's CSS @page size (Chromium's default, US Letter, where
    the page names none)."""
    page = open_page(b, path, 1280)
    try:
        params = {"printBackground": True, "landscape": landscape,
                  "marginTop": margin_in, "marginBottom": margin_in,
                  "marginLeft": margin_in, "marginRight": margin_in}
        if paper is None:
            params["preferCSSPageSize"] = True
        else:
            params["paperWidth"], params["paperHeight"] = PAPERS[paper]
        data = page.call("Page.printToPDF", params, timeout=120)["data"]
    finally:
        b.call("Target.closeTarget", {"targetId": page.target})
    with open(pdf, "wb") as fh:
        fh.write(base64.b64decode(data))
    return pdf


_PAGE_RE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD_RE = re.compile(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">'
                      r'(.*?)</word>', re.S)


def pdf_words(pdf):
    """The PDF's pages (size in points) and words with their boxes
    (pdftotext -bbox-layout); raises Unavailable without pdftotext."""
    exe = shutil.which("pdftotext")
    if exe is None:
        raise Unavailable("pdftotext is not installed (Debian: apt-get install poppler-utils; "
                          "tools/install-deps --tests installs it)")
    out = subprocess.run([exe, "-bbox-layout", pdf, "-"], capture_output=True, timeout=120,
                         check=True).stdout.decode("utf-8", "replace")
    import html
    pages = []
    for m in _PAGE_RE.finditer(out):
        words = [(float(a), float(b_), float(c), float(d), html.unescape(t))
                 for a, b_, c, d, t in _WORD_RE.findall(m.group(3))]
        pages.append({"width": float(m.group(1)), "height": float(m.group(2)), "words": words})
    return pages


def paper_of(width_pt, height_pt):
    """The paper name of a page size in points (either orientation), or None."""
    for name, (w, h) in PAPERS.items():
        for a, b_ in ((w, h), (h, w)):
            if abs(a * PT - width_pt) < 3 and abs(b_ * PT - height_pt) < 3:
                return name
    return None


def pdf_check(pdf):
    """The PDF's paper and the words it puts (partly) outside its pages."""
    pages = pdf_words(pdf)
    cut = []
    for i, p in enumerate(pages):
        for x0, y0, x1, y1, t in p["words"]:
            if x1 > p["width"] + 0.5 or x0 < -0.5:
                cut.append({"page": i + 1, "word": t, "x0": x0, "x1": x1, "page_width": p["width"]})
    sizes = sorted({(round(p["width"]), round(p["height"])) for p in pages})
    return {"pages": len(pages), "sizes": sizes,
            "paper": [paper_of(w, h) for w, h in sizes], "cut_words": cut,
            "text": " ".join(w[4] for p in pages for w in p["words"])}


def _words_of(text):
    return [w for w in text.split() if any(ch.isalnum() for ch in w)]


def pdf_header_rows(pages, tables):
    """Where each table's header row is in the PDF (found by its first two
    headers' words on one line), and whether its last header's words are
    all there, whole, in that row: a column cut at the page's edge loses
    them, or leaves a part ("The se")."""
    out = []
    for t in tables:
        heads = [h for h in t.get("headers") or [] if _words_of(h)]
        if len(heads) < 2:
            continue
        first, second, last = _words_of(heads[0])[0], _words_of(heads[1])[0], _words_of(heads[-1])
        found = None
        for pi, p in enumerate(pages):
            for x0, y0, x1, y1, w in p["words"]:
                if w != first:
                    continue
                row = [q for q in p["words"] if y0 - 3 <= q[1] <= y0 + 30 and q[0] >= x0 - 1]
                texts = [q[4] for q in row]
                if second in texts:
                    found = {"page": pi + 1, "complete": all(lw in texts for lw in last),
                             "row": " ".join(texts)[:200]}
                    break
            if found:
                break
        out.append({"path": t["path"], "last_header": heads[-1], "found": found is not None,
                    "complete": bool(found and found["complete"]),
                    "page": found and found["page"], "row": found and found["row"]})
    return out


def print_check(b, path, pdf, paper="A4", margin_in=MARGIN_IN):
    """Print the page on `paper` (None: its CSS @page size) and check it:
    the tables laid out for print (`tables`, each `inside` or not), the
    PDF's paper and the words cut at the page's edge (`pdf`), and the
    tables whose last column header is not in the PDF's text at all
    (`missing_last_headers`)."""
    print_pdf(b, path, pdf, paper, margin_in)
    check = pdf_check(pdf)
    layout_paper = paper or (check["paper"][0] if check["paper"] and check["paper"][0] else "Letter")
    tables = print_tables(b, path, layout_paper, margin_in)
    rows = pdf_header_rows(pdf_words(pdf), tables)
    return {"paper_asked": paper, "tables": tables, "pdf": check,
            "outside": [t for t in tables if not t["inside"]],
            "header_rows": rows,
            "missing_last_headers": [r for r in rows if r["found"] and not r["complete"]]}


def describe_print(r, limit=8):
    lines = ["printed on %s: PDF paper %s, %d pages, %d words outside the pages"
             % (r["paper_asked"] or "the page's @page size", r["pdf"]["paper"], r["pdf"]["pages"],
                len(r["pdf"]["cut_words"]))]
    for t in r["outside"][:limit]:
        lines.append("  %s: last column %r ends at %s px, cut at %s (%d of %d columns shown)"
                     % (t["path"], t["last_header"], t["last_right"], t["edge"],
                        t["shown_columns"], t["columns"]))
    for t in r["missing_last_headers"][:limit]:
        lines.append("  %s: the PDF's header row (page %s) lacks %r: %r"
                     % (t["path"], t["page"], t["last_header"], t["row"]))
    return "\n".join(lines)


def main(argv=None):
    import argparse
    ap = argparse.ArgumentParser(
        prog="page_checks.py",
        description="Check an HTML report in headless Chromium: what overflows at 360 and 1280 px, "
                    "screenshots, and the page printed to PDF on A4 and on its own @page size.",
        epilog="Writes REPORT-360.png, REPORT-1280.png, REPORT-A4.pdf, REPORT-css.pdf and "
               "REPORT-checks.json into OUTDIR.")
    ap.add_argument("report", metavar="REPORT.html", help="the HTML report to check")
    ap.add_argument("outdir", metavar="OUTDIR", nargs="?", default=".",
                    help="where the screenshots, PDFs and JSON go (default: the current folder)")
    args = ap.parse_args(argv)
    if not os.path.isfile(args.report):
        ap.error("%s: no such file" % args.report)
    src, outdir = args.report, args.outdir
    os.makedirs(outdir, exist_ok=True)
    base = os.path.splitext(os.path.basename(src))[0]
    res = {}
    with browser() as br:
        for w in (360, 1280):
            res["overflow_%d" % w] = overflow(br, src, w)
            print(describe_overflow(res["overflow_%d" % w]))
            screenshot(br, src, os.path.join(outdir, "%s-%d.png" % (base, w)), w)
        for paper in ("A4", None):
            pr = print_check(br, src, os.path.join(outdir, "%s-%s.pdf" % (base, paper or "css")), paper)
            pr["pdf"].pop("text")
            res["print_%s" % (paper or "css")] = pr
            print(describe_print(pr))
    with open(os.path.join(outdir, base + "-checks.json"), "w") as fh:
        json.dump(res, fh, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
