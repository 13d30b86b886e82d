//! The HTML report: one self-contained file (inline CSS, inline SVG, a little
//! plain JavaScript, no external requests) that opens from disk and prints.
//! Every piece of text from content files goes through `escape`.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::model::{
    CellState, Listed, Report, SeverityCounts, ALL_SUPPORTED, INSIGHTS_TITLE, NO_DRIFTS,
    NO_KEY_MESSAGES, NO_OTHER_FINDINGS, NO_REPLACED_TERMS, PARTIAL_RUN, SCORE_COLUMNS,
};
use super::score::FileScore;

/// Escape text for HTML element content and quoted attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A score as shown: one decimal dropped when it is zero, "n/a" for none.
pub(crate) fn score_text(score: Option<f64>) -> String {
    match score {
        Some(s) if s.fract() == 0.0 => format!("{s:.0}"),
        Some(s) => format!("{s:.1}"),
        None => "n/a".to_string(),
    }
}

/// Claims listed per field-insight topic before the rest fold away.
const TOPIC_CLAIMS_SHOWN: usize = 5;

const STYLE: &str = r#"
:root{--fg:#1a1a1a;--muted:#555;--line:#c8c8c8;--bg:#fff;--head:#f2f2f2;--accent:#0072B2;
--ok:#009E73;--ok-bg:#d9f2ea;--mixed:#56B4E9;--mixed-bg:#ddeffa;--warn:#E69F00;--warn-bg:#fbeccc;
--bad:#D55E00;--bad-bg:#f7dccb;--none-bg:#fff}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1200px;padding:1rem 1.5rem 3rem}
h1{font-size:1.7rem;margin:.5rem 0}h2{font-size:1.35rem;margin:2.2rem 0 .6rem;border-bottom:2px solid var(--fg);padding-bottom:.2rem}
h3{font-size:1.08rem;margin:1.4rem 0 .4rem}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
nav ol{display:flex;flex-wrap:wrap;gap:.3rem 1.4rem;padding-left:1.2rem;margin:.4rem 0}
.note{color:var(--muted);font-size:.92rem}
.stats{display:flex;flex-wrap:wrap;gap:.8rem;margin:.8rem 0;padding:0}
.stats div{border:1px solid var(--line);border-radius:6px;padding:.5rem .9rem;min-width:9rem}
.stats dt{font-size:.85rem;color:var(--muted)}.stats dd{margin:0;font-size:1.35rem;font-weight:600}
.wrap{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.93rem}
caption{text-align:left;font-weight:600;padding:.3rem 0;caption-side:top}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:var(--head);position:sticky;top:0}
th button{font:inherit;font-weight:600;color:inherit;background:none;border:0;padding:0;cursor:pointer;text-align:inherit}
th button::after{content:" \2195";color:var(--muted);font-weight:400}
th[aria-sort=ascending] button::after{content:" \25B2";color:var(--fg)}
th[aria-sort=descending] button::after{content:" \25BC";color:var(--fg)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.controls{display:flex;flex-wrap:wrap;gap:.6rem 1.4rem;align-items:center;margin:.5rem 0}
.controls input[type=search]{font:inherit;padding:.25rem .4rem;border:1px solid #888;border-radius:4px;min-width:16rem}
.legend{display:flex;flex-wrap:wrap;gap:.4rem .9rem;list-style:none;padding:0;margin:.4rem 0}
.legend li{display:flex;align-items:center;gap:.3rem}
.st{display:inline-block;min-width:1.3em;text-align:center;font-weight:700}
.faithful{background:var(--ok-bg)}.faithful .st{color:#00664a}
.mixed{background:var(--mixed-bg)}.mixed .st{color:#1f5f87}
.drifted{background:var(--warn-bg)}.drifted .st{color:#8a5a00}
.contradicted{background:var(--bad-bg)}.contradicted .st{color:#9c3d00}
.missing{background:var(--none-bg);color:var(--muted)}
.legend .swatch{padding:.1rem .45rem;border:1px solid var(--line);border-radius:4px}
td.cell{white-space:nowrap;position:relative}
td.cell small{color:var(--muted)}
td.cell .tip{display:none;position:fixed;z-index:2;min-width:18rem;max-width:28rem;white-space:normal;background:#fff;color:var(--fg);border:1px solid var(--fg);border-radius:4px;padding:.35rem .5rem;box-shadow:0 2px 6px rgba(0,0,0,.25);font-weight:400}
td.cell:hover .tip,td.cell:focus .tip,td.cell:focus-within .tip{display:block}
td.cell .tip span{display:block}
tr.group th{background:#fafafa;font-weight:600;text-align:left}
.rule{font-size:.8rem;color:var(--muted)}
mark{background:#fbeccc;color:inherit;padding:0 .1em;border-radius:2px}
header .meta{margin:.2rem 0;font-size:.95rem}
header .meta span+span::before{content:" \00B7  ";color:var(--muted)}
tr.uncarried>td:nth-child(2){border-left:5px solid var(--bad)}
.badge{display:inline-block;font-size:.75rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em;border:1.5px solid var(--bad);color:#9c3d00;border-radius:3px;padding:0 .3rem;margin-right:.35rem}
.sev-error{font-weight:700}.sev-error::before{content:"\2716  "}
.sev-warning::before{content:"\25B2  "}
.sev-info::before{content:"\2139  "}
.where{white-space:nowrap;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem}
blockquote{margin:.3rem 0 .6rem;padding:.3rem .8rem;border-left:4px solid var(--accent);background:#f4f8fb}
article.drift{border:1px solid var(--line);border-radius:6px;padding:.2rem .9rem .4rem;margin:.8rem 0}
article.drift h3{margin:.6rem 0 .2rem}
svg.bar{vertical-align:middle;margin-right:.4rem}
ul.claims{margin:0;padding-left:1.1rem}
.empty{font-style:italic;color:var(--muted)}
td.score{white-space:nowrap}
.section-path{display:block;color:var(--muted);font-size:.8rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media print{
 body{max-width:none;padding:0;font-size:10pt}
 nav,.controls,.toggle{display:none}
 td.cell .tip{display:none!important}
 .wrap{overflow:visible}
 thead th{position:static}
 th button::after{content:""}
 tr,article.drift,blockquote{break-inside:avoid}
 details>summary{list-style:none}
 h2{break-after:avoid}
 a{color:inherit;text-decoration:none}
}
"#;

/// Sorting (click or Enter/Space on a header button) and filtering.
const SCRIPT: &str = r#"
(function () {
  'use strict';
  function sortKey(cell) {
    var raw = cell.getAttribute('data-sort');
    if (raw === null) { raw = cell.textContent.trim(); }
    var n = Number(raw);
    return raw !== '' && isFinite(n) ? { n: n } : { s: raw.toLowerCase() };
  }
  function compare(a, b) {
    if ('n' in a && 'n' in b) { return a.n - b.n; }
    if ('n' in a) { return -1; }
    if ('n' in b) { return 1; }
    return a.s < b.s ? -1 : (a.s > b.s ? 1 : 0);
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, column) {
      var button = th.querySelector('button');
      if (!button) { return; }
      button.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        // Rows sort within their group (one tbody per group); the group's
        // heading row stays on top.
        Array.prototype.forEach.call(table.tBodies, function (body) {
          var rows = Array.prototype.filter.call(body.rows, function (r) { return !r.classList.contains('group'); });
          var keys = rows.map(function (row, i) { return { row: row, i: i, key: sortKey(row.cells[column]) }; });
          keys.sort(function (a, b) {
            var c = compare(a.key, b.key);
            return (ascending ? c : -c) || a.i - b.i;
          });
          keys.forEach(function (k) { body.appendChild(k.row); });
        });
        var status = document.getElementById('status');
        if (status) { status.textContent = 'Sorted by ' + button.textContent.trim() + (ascending ? ', ascending' : ', descending'); }
      });
    });
  });
  // Print everything, folded details included.
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) { d.open = true; });
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-filter]'), function (control) {
    var target = document.getElementById(control.getAttribute('data-filter'));
    var related = document.querySelectorAll('[data-filter="' + control.getAttribute('data-filter') + '"]');
    function apply() {
      var query = '', only = null;
      Array.prototype.forEach.call(related, function (c) {
        if (c.type === 'checkbox') { if (c.checked) { only = c.getAttribute('data-only'); } }
        else { query = c.value.trim().toLowerCase(); }
      });
      var shown = 0, rows = target.querySelectorAll('[data-row]');
      Array.prototype.forEach.call(rows, function (row) {
        var hide = (query !== '' && row.textContent.toLowerCase().indexOf(query) < 0) ||
          (only !== null && !row.classList.contains(only));
        row.hidden = hide;
        if (!hide) { shown += 1; }
      });
      // A group heading shows while some row of its group does.
      Array.prototype.forEach.call(target.querySelectorAll('tr.group'), function (group) {
        var body = group.parentNode;
        group.hidden = !Array.prototype.some.call(body.querySelectorAll('[data-row]'), function (r) { return !r.hidden; });
      });
      var status = document.getElementById('status');
      if (status) { status.textContent = shown + ' of ' + rows.length + ' shown'; }
    }
    control.addEventListener(control.type === 'checkbox' ? 'change' : 'input', apply);
  });
  // A cell's note on the sales lines behind it is fixed to the viewport, so
  // the scrolling table cannot clip it: put it below the cell, or above
  // when there is no room below, and keep it there while the page scrolls.
  function place(cell) {
    var tip = cell.querySelector('.tip');
    if (!tip) { return; }
    var r = cell.getBoundingClientRect();
    var width = tip.offsetWidth, height = tip.offsetHeight;
    var left = Math.max(4, Math.min(r.left, window.innerWidth - width - 4));
    var top = r.bottom + 4;
    if (top + height > window.innerHeight && r.top - height - 4 >= 0) { top = r.top - height - 4; }
    tip.style.left = left + 'px';
    tip.style.top = top + 'px';
  }
  function active() { return document.querySelectorAll('td.cell:hover, td.cell:focus, td.cell:focus-within'); }
  ['mouseover', 'focusin'].forEach(function (type) {
    document.addEventListener(type, function (e) {
      var cell = e.target.closest ? e.target.closest('td.cell') : null;
      if (cell) { place(cell); }
    });
  });
  window.addEventListener('scroll', function () { Array.prototype.forEach.call(active(), place); }, true);
  window.addEventListener('resize', function () { Array.prototype.forEach.call(active(), place); });
  // Baselined findings are hidden, as `check` hides them, until asked for.
  var toggle = document.getElementById('show-baselined');
  var baselined = document.getElementById('baselined');
  if (toggle && baselined) {
    toggle.addEventListener('change', function () {
      baselined.hidden = !toggle.checked;
      var status = document.getElementById('status');
      if (status) { status.textContent = toggle.checked ? 'Baselined findings shown' : 'Baselined findings hidden'; }
    });
  }
}());
"#;

/// A sortable column header.
fn th(out: &mut String, label: &str, numeric: bool) {
    let class = if numeric { " class=\"num\"" } else { "" };
    let _ = write!(
        out,
        "<th scope=\"col\"{class}><button type=\"button\">{}</button></th>",
        escape(label)
    );
}

/// A filter box for the rows (`[data-row]`) inside the element `target`.
fn filter(out: &mut String, target: &str, label: &str) {
    let _ = write!(
        out,
        "<label>{} <input type=\"search\" data-filter=\"{target}\" placeholder=\"type to filter\"></label>",
        escape(label)
    );
}

fn score_bar(out: &mut String, score: Option<f64>) {
    if let Some(s) = score {
        let width = s.clamp(0.0, 100.0);
        let _ = write!(
            out,
            "<svg class=\"bar\" width=\"100\" height=\"10\" viewBox=\"0 0 100 10\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"100\" height=\"10\" fill=\"#e6e6e6\"/><rect width=\"{width:.1}\" height=\"10\" fill=\"#0072B2\"/></svg>"
        );
    }
}

fn num(out: &mut String, n: usize) {
    let _ = write!(out, "<td class=\"num\">{n}</td>");
}

fn stat(out: &mut String, label: &str, value: &str) {
    let _ = write!(
        out,
        "<div><dt>{}</dt><dd>{}</dd></div>",
        escape(label),
        escape(value)
    );
}

fn counts_text(c: &SeverityCounts) -> String {
    format!(
        "{} error{}, {} warning{}, {} info",
        c.error,
        if c.error == 1 { "" } else { "s" },
        c.warning,
        if c.warning == 1 { "" } else { "s" },
        c.info
    )
}

fn summary(out: &mut String, report: &Report) {
    let s = &report.summary;
    out.push_str("<section id=\"summary\" aria-labelledby=\"summary-h\"><h2 id=\"summary-h\">1. Summary</h2>");
    if !s.whole_set {
        let _ = write!(
            out,
            "<p class=\"note\"><strong>Partial run:</strong> {PARTIAL_RUN}</p>"
        );
    }
    out.push_str("<dl class=\"stats\">");
    stat(
        out,
        "Files",
        &format!("{} brand · {} sales", s.brand_files, s.sales_files),
    );
    stat(
        out,
        "Claims",
        &format!("{} brand · {} sales", s.brand_claims, s.sales_claims),
    );
    stat(out, "Findings", &counts_text(&s.findings));
    stat(out, "Overall alignment score", &score_text(s.overall_score));
    stat(
        out,
        "Key messages carried",
        &format!(
            "{} of {}",
            report.coverage.carried(),
            report.coverage.messages
        ),
    );
    out.push_str("</dl>");
    for skipped in &s.skipped {
        let _ = write!(out, "<p class=\"note\">Skipped: {}</p>", escape(skipped));
    }
    baseline_note(out, report);

    out.push_str("<h3 id=\"scores-h\">Alignment score per sales file</h3>");
    let _ = write!(out, "<p class=\"note\">{}</p>", escape(&s.score_definition));
    if s.scores.is_empty() {
        out.push_str("<p class=\"empty\">No sales files.</p>");
    } else {
        out.push_str("<div class=\"wrap\"><table class=\"sortable\" id=\"scores\" aria-labelledby=\"scores-h\"><thead><tr>");
        th(out, "Sales file", false);
        for label in SCORE_COLUMNS {
            th(out, label, true);
        }
        th(out, "Score", true);
        out.push_str("</tr></thead><tbody>");
        for f in &s.scores {
            score_row(out, f);
        }
        let _ = write!(
            out,
            "</tbody><tfoot><tr><th scope=\"row\" colspan=\"8\">Overall (weighted by claims)</th><td class=\"num\">{}</td></tr></tfoot></table></div>",
            score_text(s.overall_score)
        );
    }

    out.push_str("<h3 id=\"rules-h\">Findings by rule and severity</h3>");
    if s.by_rule.is_empty() {
        out.push_str("<p class=\"empty\">No findings.</p>");
    } else {
        out.push_str("<div class=\"wrap\"><table class=\"sortable\" id=\"by-rule\" aria-labelledby=\"rules-h\"><thead><tr>");
        th(out, "What", false);
        for label in ["Errors", "Warnings", "Infos", "Total"] {
            th(out, label, true);
        }
        th(out, "Rule", false);
        out.push_str("</tr></thead><tbody>");
        for r in &s.by_rule {
            let _ = write!(out, "<tr><td>{}</td>", escape(&r.label));
            for n in r.counts.columns() {
                num(out, n);
            }
            let _ = write!(
                out,
                "<td class=\"rule\"><code>{}</code></td></tr>",
                escape(&r.rule)
            );
        }
        out.push_str("</tbody></table></div>");
    }
    out.push_str("</section>");
}

/// What the baseline hid, and the switch that shows it.
fn baseline_note(out: &mut String, report: &Report) {
    let Some(b) = &report.summary.baseline else {
        return;
    };
    let _ = write!(
        out,
        "<p class=\"note\" id=\"baseline-note\"><strong>Baseline:</strong> {} known finding{} hidden by <span class=\"where\">{}</span>, as <code>onmessage check</code> hides them; {} listed there no longer occur{}.",
        b.hidden,
        if b.hidden == 1 { " is" } else { "s are" },
        escape(&b.file),
        b.fixed,
        if b.fixed == 1 { "s" } else { "" }
    );
    if !report.baselined.is_empty() {
        out.push_str(" <label class=\"toggle\"><input type=\"checkbox\" id=\"show-baselined\" aria-controls=\"baselined\"> Show baselined findings</label>");
    }
    out.push_str("</p>");
}

fn score_row(out: &mut String, f: &FileScore) {
    let _ = write!(
        out,
        "<tr><th scope=\"row\" class=\"where\">{}</th>",
        escape(&f.path)
    );
    for n in f.counts() {
        num(out, n);
    }
    // n/a sorts below every score.
    let sort = f.score.map_or("-1".to_string(), |s| s.to_string());
    let _ = write!(out, "<td class=\"num score\" data-sort=\"{sort}\">");
    score_bar(out, f.score);
    let _ = write!(out, "{}</td></tr>", score_text(f.score));
}

fn state_rank(state: CellState) -> u8 {
    match state {
        CellState::Missing => 0,
        CellState::Contradicted => 1,
        CellState::Drifted => 2,
        CellState::Mixed => 3,
        CellState::Faithful => 4,
    }
}

fn coverage(out: &mut String, report: &Report) {
    let c = &report.coverage;
    out.push_str("<section id=\"coverage\" aria-labelledby=\"coverage-h\"><h2 id=\"coverage-h\">2. Coverage matrix</h2>");
    out.push_str("<p class=\"note\">Key messages from the brand docs (rows) against sales files (columns): whether each file carries the message and how faithfully. A message is carried when a sales claim matches it; faithful when that claim has no <code>align.*</code> error or warning.</p>");
    if c.messages == 0 {
        let _ = write!(out, "<p class=\"empty\">{NO_KEY_MESSAGES}</p></section>");
        return;
    }
    let _ = write!(
        out,
        "<p><strong>{} of {}</strong> key messages are carried by at least one sales file; <strong>{}</strong> by none.</p>",
        c.carried(),
        c.messages,
        c.uncarried
    );
    out.push_str("<ul class=\"legend\" aria-label=\"Legend\">");
    for (state, meaning) in CellState::LEGEND {
        let _ = write!(
            out,
            "<li><span class=\"swatch {0}\"><span class=\"st\" aria-hidden=\"true\">{1}</span> {0}</span> {2}</li>",
            state.as_str(),
            state.symbol(),
            meaning
        );
    }
    out.push_str("</ul><div class=\"controls\">");
    filter(out, "matrix", "Filter messages");
    out.push_str("<label><input type=\"checkbox\" data-filter=\"matrix\" data-only=\"uncarried\"> Only messages no file carries</label></div>");
    out.push_str("<div class=\"wrap\"><table class=\"sortable\" id=\"matrix\"><caption>Key messages × sales files, by brand section</caption><thead><tr>");
    th(out, "Key message", false);
    th(out, "Files carrying", true);
    let columns = c.carrying_columns();
    for &i in &columns {
        th(out, &c.files[i], false);
    }
    out.push_str("</tr></thead>");
    let mut tip = 0;
    // One tbody per brand section: its heading row names the section once.
    for group in &c.groups {
        let _ = write!(
            out,
            "<tbody><tr class=\"group\"><th scope=\"rowgroup\" colspan=\"{}\">{}<span class=\"section-path\">{}</span></th></tr>",
            columns.len() + 2,
            if group.section.is_empty() {
                "(top of the doc)".to_string()
            } else {
                escape(&group.section)
            },
            escape(&group.path)
        );
        for m in &group.messages {
            let class = if m.carried_by == 0 {
                " class=\"uncarried\""
            } else {
                ""
            };
            let _ = write!(out, "<tr data-row{class}><td>");
            if m.carried_by == 0 {
                out.push_str("<span class=\"badge\">not carried</span>");
            }
            let _ = write!(
                out,
                "{} <span class=\"where\">({}:{})</span></td><td class=\"num\">{}</td>",
                escape(&m.text),
                escape(&m.path),
                m.line,
                m.carried_by
            );
            for &i in &columns {
                tip += 1;
                matrix_cell(out, &m.cells[i], &c.files[i], tip);
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody>");
    }
    out.push_str("</table></div>");
    if !c.silent_files.is_empty() {
        let n = c.silent_files.len();
        let _ = write!(
            out,
            "<details><summary>{n} sales file{} carr{} no key message (not shown as columns)</summary><ul class=\"claims\">",
            if n == 1 { "" } else { "s" },
            if n == 1 { "ies" } else { "y" }
        );
        for f in &c.silent_files {
            let _ = write!(out, "<li class=\"where\">{}</li>", escape(f));
        }
        out.push_str("</ul></details>");
    }
    out.push_str("</section>");
}

/// One cell: the state as symbol and word, the lines, and the sales claims
/// that carry the message, shown on hover and on keyboard focus.
fn matrix_cell(out: &mut String, cell: &super::model::Cell, file: &str, tip: usize) {
    let state = cell.state;
    let lines = cell
        .lines
        .iter()
        .map(|l| format!("L{l}"))
        .collect::<Vec<_>>()
        .join(" ");
    let detail = if state == CellState::Mixed {
        format!(
            " ({} on message, {} drifted, {} contradicted)",
            cell.faithful, cell.drifted, cell.contradicted
        )
    } else {
        String::new()
    };
    let carriers = !cell.claims.is_empty();
    let focus = if carriers {
        format!(" tabindex=\"0\" aria-describedby=\"tip-{tip}\"")
    } else {
        String::new()
    };
    let _ = write!(
        out,
        "<td class=\"cell {0}\" data-sort=\"{1}\"{focus}><span class=\"st\" aria-hidden=\"true\">{2}</span> {0}",
        state.as_str(),
        state_rank(state),
        state.symbol()
    );
    if !lines.is_empty() {
        let _ = write!(out, " <small>{lines}</small>");
    }
    if carriers {
        let _ = write!(
            out,
            "<span class=\"tip\" role=\"tooltip\" id=\"tip-{tip}\"><strong>{}: {}{}</strong>",
            escape(file),
            state.as_str(),
            escape(&detail)
        );
        for claim in &cell.claims {
            let _ = write!(out, "<span>L{}: {}</span>", claim.line, escape(&claim.text));
        }
        out.push_str("</span>");
    }
    out.push_str("</td>");
}

fn severity_span(severity: crate::diagnostic::Severity) -> String {
    format!("<span class=\"sev-{0}\">{0}</span>", severity.as_str())
}

fn contradictions(out: &mut String, report: &Report) {
    out.push_str("<section id=\"contradictions\" aria-labelledby=\"contradictions-h\"><h2 id=\"contradictions-h\">3. Contradictions by brand claim</h2>");
    out.push_str("<p class=\"note\">For each brand claim, the sales lines that contradict it (errors) or drift from it (warnings), most contradicted first.</p>");
    if report.contradictions.is_empty() {
        let _ = write!(out, "<p class=\"empty\">{NO_DRIFTS}</p>");
    } else {
        out.push_str("<div class=\"controls\">");
        filter(out, "drift-groups", "Filter");
        out.push_str("</div><div id=\"drift-groups\">");
        for (i, g) in report.contradictions.iter().enumerate() {
            let _ = write!(
                out,
                "<article class=\"drift\" data-row aria-labelledby=\"drift-{i}\"><h3 id=\"drift-{i}\">"
            );
            match &g.brand {
                Some(b) => {
                    if let Some(kind) = &g.message_kind {
                        let _ = write!(out, "<span class=\"badge\">{}</span>", escape(kind));
                    }
                    let _ = write!(
                        out,
                        "Brand: <span class=\"where\">{}:{}</span></h3><blockquote>{}</blockquote>",
                        escape(&b.path),
                        b.line,
                        escape(&b.text)
                    );
                }
                None => out.push_str("Findings that cite no brand claim</h3>"),
            }
            let _ = write!(
                out,
                "<p>{} sales line{}: {}.</p>",
                g.counts.total,
                if g.counts.total == 1 { "" } else { "s" },
                counts_text(&g.counts)
            );
            out.push_str("<div class=\"wrap\"><table class=\"sortable\"><thead><tr>");
            th(out, "Sales line", false);
            th(out, "What", false);
            th(out, "Severity", false);
            th(out, "Sales text", false);
            th(out, "Why", false);
            th(out, "Rule", false);
            out.push_str("</tr></thead><tbody>");
            for d in &g.drifts {
                let _ = write!(
                    out,
                    "<tr><td class=\"where\" data-sort=\"{0}:{1:08}\">{0}:{1}:{2}</td><td>{3}</td><td data-sort=\"{4}\">{5}</td><td>{6}</td><td>{7}</td><td class=\"rule\"><code>{8}</code></td></tr>",
                    escape(&d.path),
                    d.line,
                    d.column,
                    escape(&d.label),
                    d.severity as u8,
                    severity_span(d.severity),
                    escape(&d.text),
                    escape(&d.message),
                    escape(&d.rule)
                );
            }
            out.push_str("</tbody></table></div></article>");
        }
        out.push_str("</div>");
    }
    if !report.brand_conflicts.is_empty() {
        out.push_str("<h3 id=\"conflicts-h\">Brand docs that disagree with each other</h3><div class=\"wrap\"><table class=\"sortable\" aria-labelledby=\"conflicts-h\"><thead><tr>");
        th(out, "Brand line", false);
        th(out, "Says", false);
        th(out, "Disagrees with", false);
        th(out, "Which says", false);
        out.push_str("</tr></thead><tbody>");
        for c in &report.brand_conflicts {
            let _ = write!(
                out,
                "<tr><td class=\"where\">{}:{}</td><td>{}</td>",
                escape(&c.brand.path),
                c.brand.line,
                escape(&c.brand.text)
            );
            match &c.other {
                Some(o) => {
                    let _ = write!(
                        out,
                        "<td class=\"where\">{}:{}</td><td>{}</td></tr>",
                        escape(&o.path),
                        o.line,
                        escape(&o.text)
                    );
                }
                None => {
                    let _ = write!(out, "<td></td><td>{}</td></tr>", escape(&c.message));
                }
            }
        }
        out.push_str("</tbody></table></div>");
    }
    out.push_str("</section>");
}

fn field_insights(out: &mut String, report: &Report) {
    let _ = write!(out, "<section id=\"field-insights\" aria-labelledby=\"insights-h\"><h2 id=\"insights-h\">4. {INSIGHTS_TITLE}: field insights</h2>");
    out.push_str("<p class=\"note\">What the field says that no brand claim backs, grouped by the key terms the claims share and sorted by how many files repeat them. A claim the field repeats in several files is one marketing should either adopt (with proof) or tell the field to stop. <span class=\"rule\">Rule: <code>align.unsupported</code></span></p>");
    if report.field_insights.is_empty() {
        let _ = write!(out, "<p class=\"empty\">{ALL_SUPPORTED}</p></section>");
        return;
    }
    out.push_str("<div class=\"controls\">");
    filter(out, "insights", "Filter topics");
    out.push_str("</div><div class=\"wrap\"><table class=\"sortable\" id=\"insights\"><thead><tr>");
    th(out, "Topic (shared key terms)", false);
    th(out, "Files", true);
    th(out, "Claims", true);
    th(out, "What the field says", false);
    out.push_str("</tr></thead><tbody>");
    for t in &report.field_insights {
        let _ = write!(
            out,
            "<tr data-row><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td><ul class=\"claims\">",
            escape(&t.terms.join(", ")),
            t.files,
            t.claims.len()
        );
        let item = |out: &mut String, c: &super::model::Place| {
            let _ = write!(
                out,
                "<li><span class=\"where\">{}:{}</span> {}</li>",
                escape(&c.path),
                c.line,
                escape(&c.text)
            );
        };
        for c in t.claims.iter().take(TOPIC_CLAIMS_SHOWN) {
            item(out, c);
        }
        out.push_str("</ul>");
        if t.claims.len() > TOPIC_CLAIMS_SHOWN {
            let _ = write!(
                out,
                "<details><summary>{} more</summary><ul class=\"claims\">",
                t.claims.len() - TOPIC_CLAIMS_SHOWN
            );
            for c in &t.claims[TOPIC_CLAIMS_SHOWN..] {
                item(out, c);
            }
            out.push_str("</ul></details>");
        }
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody></table></div></section>");
}

fn terms(out: &mut String, report: &Report) {
    out.push_str(
        "<section id=\"terms\" aria-labelledby=\"terms-h\"><h2 id=\"terms-h\">5. Off-brand terms</h2>",
    );
    out.push_str("<p class=\"note\">Terms the brand docs retired that sales material still uses, with the term to use instead. <span class=\"rule\">Rule: <code>terms.replaced</code></span></p>");
    if report.terms.is_empty() {
        let _ = write!(out, "<p class=\"empty\">{NO_REPLACED_TERMS}</p></section>");
        return;
    }
    out.push_str("<div class=\"wrap\"><table class=\"sortable\" id=\"terms-table\"><thead><tr>");
    th(out, "Term in use", false);
    th(out, "Use instead", false);
    th(out, "Uses", true);
    th(out, "Files", true);
    th(out, "Where", false);
    out.push_str("</tr></thead><tbody>");
    for t in &report.terms {
        let places = t
            .places
            .iter()
            .map(|p| format!("{}:{}", escape(&p.path), p.line))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"where\">{}</td></tr>",
            escape(&t.wrong),
            escape(&t.right),
            t.count,
            t.files,
            places
        );
    }
    out.push_str("</tbody></table></div></section>");
}

/// The finding's text with the words it points at marked.
fn marked(item: &Listed) -> String {
    match item.around_match() {
        Some((before, matched, after)) => format!(
            "{}<mark>{}</mark>{}",
            escape(before),
            escape(matched),
            escape(after)
        ),
        None => escape(&item.text),
    }
}

/// A sortable, filterable table of findings, one per row.
fn listed_table(out: &mut String, id: &str, items: &[Listed]) {
    let _ = write!(
        out,
        "<div class=\"wrap\"><table class=\"sortable\" id=\"{id}\"><thead><tr>"
    );
    th(out, "Where", false);
    th(out, "What", false);
    th(out, "Severity", false);
    th(out, "Text", false);
    th(out, "Why", false);
    th(out, "Rule", false);
    out.push_str("</tr></thead><tbody>");
    for item in items {
        let _ = write!(
            out,
            "<tr data-row><td class=\"where\" data-sort=\"{0}:{1:08}\">{0}:{1}:{2}</td><td>{3}</td><td data-sort=\"{4}\">{5}</td><td>{6}</td><td>{7}</td><td class=\"rule\"><code>{8}</code></td></tr>",
            escape(&item.path),
            item.line,
            item.column,
            escape(&item.label),
            item.severity as u8,
            severity_span(item.severity),
            marked(item),
            escape(&item.message),
            escape(&item.rule)
        );
    }
    out.push_str("</tbody></table></div>");
}

fn other_findings(out: &mut String, report: &Report) {
    out.push_str("<section id=\"other-findings\" aria-labelledby=\"other-h\"><h2 id=\"other-h\">6. Risky wording and other findings</h2>");
    out.push_str("<p class=\"note\">Every finding the sections above do not list: risky wording, the team's own rules, terms the brand avoids, and problems with the files or their suppression comments. The words each finding points at are marked.</p>");
    if report.other_findings.is_empty() {
        let _ = write!(out, "<p class=\"empty\">{NO_OTHER_FINDINGS}</p></section>");
        return;
    }
    out.push_str("<div class=\"controls\">");
    filter(out, "other", "Filter findings");
    out.push_str("</div>");
    listed_table(out, "other", &report.other_findings);
    out.push_str("</section>");
}

/// Hidden until "Show baselined findings" is ticked.
fn baselined(out: &mut String, report: &Report) {
    if report.baselined.is_empty() {
        return;
    }
    let n = report.baselined.len();
    let _ = write!(
        out,
        "<section id=\"baselined\" aria-labelledby=\"baselined-h\" hidden><h2 id=\"baselined-h\">7. Baselined findings</h2><p class=\"note\">{n} known finding{} the baseline hides. They count nowhere else in this report, as <code>onmessage check</code> does not report them.</p>",
        if n == 1 { "" } else { "s" }
    );
    listed_table(out, "baselined-table", &report.baselined);
    out.push_str("</section>");
}

/// The title, and what a forwarded copy needs to make sense: which repo,
/// which day, which commit.
fn header(out: &mut String, report: &Report) {
    let h = &report.header;
    out.push_str("<header><h1>onmessage report");
    if !h.repo.is_empty() {
        let _ = write!(out, ": <span id=\"repo\">{}</span>", escape(&h.repo));
    }
    out.push_str("</h1><p class=\"meta\" id=\"context\">");
    if !h.date.is_empty() {
        let _ = write!(
            out,
            "<span>Written <time datetime=\"{0}\">{0}</time></span>",
            escape(&h.date)
        );
    }
    match &h.commit {
        Some(commit) => {
            let _ = write!(
                out,
                "<span>Commit <code id=\"commit\">{}</code>{}</span>",
                escape(commit),
                if h.uncommitted_changes {
                    " with uncommitted changes"
                } else {
                    ""
                }
            );
        }
        None if !h.repo.is_empty() => out.push_str("<span>Not in git</span>"),
        None => {}
    }
    let _ = write!(
        out,
        "<span>Brand docs against sales material</span><span>onmessage {}</span></p>",
        env!("CARGO_PKG_VERSION")
    );
    out.push_str("<nav aria-label=\"Sections\"><ol><li><a href=\"#summary\">Summary</a></li><li><a href=\"#coverage\">Coverage matrix</a></li><li><a href=\"#contradictions\">Contradictions</a></li><li><a href=\"#field-insights\">Not backed by the brand</a></li><li><a href=\"#terms\">Off-brand terms</a></li><li><a href=\"#other-findings\">Risky wording and other findings</a></li></ol></nav></header>");
}

/// Render the whole page into a string.
pub(crate) fn page(report: &Report) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    // The page must never reach the network: only inline style, script and data: images.
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    let title = [report.header.repo.as_str(), report.header.date.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let _ = write!(
        out,
        "<title>onmessage report{}{}</title><style>",
        if title.is_empty() { "" } else { ": " },
        escape(&title)
    );
    out.push_str(STYLE);
    out.push_str("</style></head><body>");
    header(&mut out, report);
    out.push_str("<main>");
    summary(&mut out, report);
    coverage(&mut out, report);
    contradictions(&mut out, report);
    field_insights(&mut out, report);
    terms(&mut out, report);
    other_findings(&mut out, report);
    baselined(&mut out, report);
    out.push_str(
        "</main><p id=\"status\" class=\"visually-hidden\" role=\"status\" aria-live=\"polite\"></p><script>",
    );
    out.push_str(SCRIPT);
    out.push_str("</script></body></html>\n");
    out
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(page(report).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markup_and_attribute_breakouts() {
        assert_eq!(
            escape(r#""><img src=x onerror='alert(1)'> & <script>"#),
            "&quot;&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt; &amp; &lt;script&gt;"
        );
        assert_eq!(escape("plain – ünïcode"), "plain – ünïcode");
    }

    #[test]
    fn scores_print_without_needless_decimals() {
        assert_eq!(score_text(Some(100.0)), "100");
        assert_eq!(score_text(Some(62.5)), "62.5");
        assert_eq!(score_text(None), "n/a");
    }

    #[test]
    fn the_script_never_reaches_the_network() {
        for needle in ["http", "fetch(", "XMLHttpRequest", "import(", "src="] {
            assert!(!SCRIPT.contains(needle), "{needle}");
            assert!(!STYLE.contains(needle), "{needle}");
        }
        assert!(!STYLE.contains("url("));
    }
}
