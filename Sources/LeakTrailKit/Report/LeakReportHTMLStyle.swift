/// The report page's only style sheet, inlined in `<head>`: system fonts, no images, readable
/// at laptop widths, and a print rule set that keeps each finding on one page where it fits.
enum LeakReportHTMLStyle {
    static let css = """
    :root { --ink: #1d232b; --muted: #6b7480; --line: #dde1e6; --soft: #f5f7f9; --leak: #c0392b; --leak-bg: #fdecea;
      --suspect: #9a6700; --suspect-bg: #fff4d6; --ok: #1f7a4d; --ok-bg: #e6f4ec; --user: #0b4f9c; --user-bg: #eaf2fc; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
    main { max-width: 1120px; margin: 0 auto; padding: 28px 32px 48px; }
    code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.9em; overflow-wrap: anywhere; }
    h1 { font-size: 28px; margin: 0 0 4px; letter-spacing: -0.01em; }
    h2 { font-size: 20px; margin: 40px 0 14px; padding-bottom: 6px; border-bottom: 2px solid var(--ink); }
    h3 { font-size: 18px; margin: 0; }
    .sub { color: var(--muted); margin: 0 0 14px; }
    .badge { display: inline-block; padding: 1px 9px; border-radius: 999px; font-weight: 650; font-size: 0.85em; text-transform: uppercase; letter-spacing: 0.04em; }
    .badge.leak { color: #fff; background: var(--leak); }
    .badge.suspect { color: #3b2a00; background: #f2c94c; }
    .badge.ok { color: #fff; background: var(--ok); }
    .badge.accepted { color: #fff; background: #6b7280; }
    .accepted-note { margin: 14px 0; padding: 10px 14px; background: var(--soft); border-radius: 8px; border: 1px solid var(--line); }
    .accepted-note strong { margin-right: 6px; }
    .finding.accepted { border-left-color: #6b7280; }
    pre.source { tab-size: 4; margin: 6px 0 0; padding: 10px 14px; background: var(--soft); border-radius: 8px; font-size: 13px; overflow-x: auto; }
    pre.source .ln { color: var(--muted); }
    pre.source mark { display: block; background: var(--user-bg); color: inherit; margin: 0 -14px; padding: 0 14px; font-weight: 600; }
    .headline { font-size: 17px; margin: 0 0 18px; }
    .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; margin: 0 0 8px; }
    .card { border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; background: var(--soft); }
    .card .k { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.05em; }
    .card .v { font-size: 22px; font-weight: 650; }
    .card .d { color: var(--muted); font-size: 13px; }
    .card.alert { background: var(--leak-bg); border-color: #f3b8b0; }
    .card.alert .v { color: var(--leak); }
    .meta { color: var(--muted); font-size: 13px; margin: 10px 0 0; }
    table { border-collapse: collapse; width: 100%; font-size: 14px; }
    th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
    th { font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); font-weight: 600; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    tr.calm td { color: var(--muted); }
    td.mono { white-space: nowrap; }
    table.instances td:first-child code { overflow-wrap: normal; white-space: nowrap; }
    .overview a { color: inherit; }
    .finding { border: 1px solid var(--line); border-left: 6px solid var(--leak); border-radius: 10px; margin: 22px 0; padding: 18px 22px; }
    .finding.suspect { border-left-color: #e0a800; }
    .finding header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px 12px; margin-bottom: 6px; }
    .finding .num { color: var(--muted); font-weight: 500; }
    .finding .why { color: var(--muted); }
    .where { margin: 0 0 12px; color: var(--muted); }
    .where code { color: var(--ink); }
    .grid2 { display: grid; grid-template-columns: minmax(0, 1.65fr) minmax(260px, 1fr); gap: 18px; align-items: start; }
    figure { margin: 0; }
    svg.chart { width: 100%; height: auto; display: block; background: #fff; }
    svg.chart .grid { stroke: #eef0f3; stroke-width: 1; }
    svg.chart .axis, svg.chart .xtick { stroke: #9aa3ad; stroke-width: 1; }
    svg.chart .tick { fill: var(--muted); font-size: 13px; font-family: inherit; }
    svg.chart .caption { fill: var(--muted); font-size: 12px; }
    svg.chart .restart { stroke: #7a5cc4; stroke-width: 1.5; stroke-dasharray: 4 3; }
    svg.chart .restart-label { fill: #5b3fa8; font-size: 12px; font-weight: 600; }
    svg.chart .line { fill: none; stroke-width: 2.4; stroke-linejoin: round; stroke-linecap: round; }
    svg.chart .line.calm { stroke-width: 1.5; stroke-dasharray: 5 3; opacity: 0.75; }
    svg.chart .dot.calm { opacity: 0.75; }
    .c0 { stroke: #d1495b; fill: #d1495b; } .c1 { stroke: #2b6cb0; fill: #2b6cb0; } .c2 { stroke: #2f9e6e; fill: #2f9e6e; }
    .c3 { stroke: #8e44ad; fill: #8e44ad; } .c4 { stroke: #e07b00; fill: #e07b00; } .c5 { stroke: #5f6b7a; fill: #5f6b7a; }
    svg.chart .line.c0, svg.chart .line.c1, svg.chart .line.c2, svg.chart .line.c3, svg.chart .line.c4, svg.chart .line.c5 { fill: none; }
    .legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 13px; color: var(--muted); margin-top: 4px; }
    .legend svg { width: 22px; height: 10px; vertical-align: middle; margin-right: 4px; }
    .legend svg line { stroke-width: 3; }
    .legend .calm line { stroke-dasharray: 5 3; stroke-width: 2; }
    dl.facts { display: grid; grid-template-columns: auto 1fr; gap: 5px 12px; margin: 0; font-size: 14px; }
    dl.facts dt { color: var(--muted); white-space: nowrap; }
    dl.facts dd { margin: 0; font-variant-numeric: tabular-nums; }
    dl.facts .big { font-size: 17px; font-weight: 650; }
    .advice { margin: 14px 0; padding: 10px 14px; background: var(--ok-bg); border-radius: 8px; border: 1px solid #bfe3cf; }
    .advice strong { color: var(--ok); margin-right: 6px; }
    .stack { margin: 12px 0 0; padding: 10px 14px; background: var(--soft); border-radius: 8px; list-style: none; font-size: 13px; }
    .stack li { padding: 1px 0; }
    .stack .fn { font-weight: 600; }
    .stack .pos { color: var(--muted); margin-left: 10px; }
    .stack li.user .fn { color: var(--user); }
    .stack li.user { background: var(--user-bg); margin: 0 -8px; padding: 1px 8px; border-radius: 4px; }
    .stack li.std .fn, .stack li.std .pos, .stack li.runtime .fn, .stack li.runtime .pos { color: #9aa3ad; font-weight: 400; }
    .stack li.created { margin-top: 6px; border-top: 1px dashed var(--line); padding-top: 6px; }
    .stack .label { color: var(--muted); font-family: system-ui, sans-serif; font-size: 12px; margin-right: 6px; }
    .stack-title { font-size: 13px; color: var(--muted); margin: 14px 0 0; }
    svg.spark { width: 120px; height: 24px; vertical-align: middle; }
    svg.spark polyline { fill: none; stroke: var(--ok); stroke-width: 1.6; }
    #method p { max-width: 80ch; }
    footer { margin-top: 40px; color: var(--muted); font-size: 13px; border-top: 1px solid var(--line); padding-top: 10px; }
    @media (max-width: 820px) { main { padding: 18px 14px; } .grid2 { grid-template-columns: 1fr; } }
    @media print {
      @page { margin: 14mm; }
      body { font-size: 10.5pt; }
      main { max-width: none; padding: 0; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      .finding { break-inside: avoid; padding: 12px 14px; }
      .grid2 { grid-template-columns: minmax(0, 1.5fr) minmax(200px, 1fr); gap: 12px; }
      table { font-size: 8.5pt; }
      th, td { padding: 4px 6px; }
      dl.facts { font-size: 9pt; }
      h2 { break-after: avoid; }
      tr { break-inside: avoid; }
      .overview a { text-decoration: none; }
    }
    """
}
