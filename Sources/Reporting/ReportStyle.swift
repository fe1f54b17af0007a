/// The reports' inline style sheet: system fonts only, no external resources, print-friendly.
/// It styles every piece of the toolkit (page, key figures, callout, contents, sections,
/// tables, charts, legends) and the classes the plan report's sections use.
public enum ReportStyle {
    /// The CSS text (without `<style>` tags).
    public static let css = """
        :root{--ink:#1d2733;--muted:#5b6675;--line:#d9dee5;--soft:#eef1f5;--bg:#f4f6f9;--accent:#0072B2;--warn:#9a5b00}
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans","DejaVu Sans",sans-serif}
        .page{max-width:1120px;margin:0 auto;padding:24px 20px 40px}
        a{color:var(--accent);text-decoration:none}
        a:hover{text-decoration:underline}
        header.top,section.card,nav.toc{background:#fff;border:1px solid var(--line);border-radius:8px}
        header.top{border-top:4px solid var(--accent);padding:22px 28px 24px}
        h1{font-size:26px;line-height:1.25;margin:0 0 4px;font-weight:650}
        h2{font-size:19px;line-height:1.3;margin:0 0 2px;font-weight:650}
        h3{font-size:14.5px;margin:22px 0 2px;font-weight:650}
        .subtitle{color:#3b4654;font-size:15px}
        .meta{color:var(--muted);font-size:12.5px;margin-top:4px}
        .kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(190px,1fr));gap:12px;margin-top:18px}
        .kpi{border:1px solid var(--line);border-radius:6px;padding:10px 14px 12px;background:#fafbfc}
        .kpi .label{font-size:11.5px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
        .kpi .value{font-size:24px;font-weight:650;line-height:1.3;font-variant-numeric:tabular-nums}
        .kpi .detail{font-size:12px;color:var(--muted)}
        .callout{margin-top:16px;padding:8px 12px;border-left:4px solid #E69F00;background:#fff8e8;font-size:13px}
        nav.toc{margin-top:20px;padding:14px 28px}
        nav.toc h2{font-size:13px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin-bottom:4px}
        nav.toc ol{margin:0;padding-left:20px;columns:2;column-gap:40px}
        nav.toc li{padding:1px 0;break-inside:avoid}
        section.card{margin-top:20px;padding:20px 28px 24px}
        .lead{color:var(--muted);margin:0 0 6px;font-size:13px}
        .chips{display:flex;flex-wrap:wrap;gap:8px;margin:10px 0 4px}
        .chip{background:var(--soft);border-radius:4px;padding:4px 10px;font-size:12.5px}
        .chip b{font-variant-numeric:tabular-nums;font-weight:650}
        figure{margin:8px 0 0}
        figcaption{font-size:12.5px;color:var(--muted);margin-top:2px}
        .legend{display:flex;flex-wrap:wrap;gap:4px 18px;margin:6px 0 0;padding:0;list-style:none;font-size:12.5px;color:#3b4654}
        .legend li{display:flex;align-items:center;gap:6px}
        .legend svg{display:block}
        svg.chart{display:block;width:100%;height:auto;overflow:visible}
        svg.chart text{font-family:inherit;font-size:11px;fill:#5b6675}
        .grid line{stroke:#e4e8ee;stroke-width:1}
        .ytick text{text-anchor:end;font-variant-numeric:tabular-nums}
        .xaxis line{stroke:#8a94a3;stroke-width:1}
        .xaxis text{text-anchor:middle}
        svg.chart .atitle,svg.chart .xtitle{text-anchor:middle;font-size:11.5px;fill:#3b4654}
        .sep line{stroke:#c3c9d2;stroke-width:1;stroke-dasharray:3 3}
        .marker line{stroke:#1d2733;stroke-width:1.2;stroke-dasharray:5 3}
        svg.chart .marker text{fill:#1d2733;font-weight:600}
        .hit rect{fill:transparent}
        .hit rect:hover{fill:rgba(29,39,51,.07)}
        svg.chart .blabel{text-anchor:end;font-size:12px;fill:#1d2733}
        svg.chart .bvalue{font-size:11.5px;fill:#1d2733;font-variant-numeric:tabular-nums}
        .bar:hover rect{opacity:.85}
        details.data{margin-top:8px;font-size:13px}
        details.data summary{cursor:pointer;color:var(--accent);width:max-content}
        details.data table{width:auto;min-width:360px}
        details.data .tablewrap{display:block;width:max-content;max-width:100%;max-height:360px;overflow-y:auto;border:1px solid var(--line);border-radius:4px}
        details.data thead th{position:sticky;top:0;background:#fff}
        .empty{padding:18px;border:1px dashed var(--line);border-radius:6px;color:var(--muted);text-align:center;font-size:13px;margin-top:8px}
        .tablewrap{overflow-x:auto;margin-top:8px}
        table{border-collapse:collapse;width:100%;font-size:13px}
        th,td{padding:6px 10px;border-bottom:1px solid #e8ebf0;text-align:left;vertical-align:top}
        thead th{font-size:11.5px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);font-weight:600;border-bottom:2px solid var(--line);white-space:nowrap}
        tbody tr:hover{background:#f8f9fb}
        tr.group td{border-top:1px solid var(--line)}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        td.dim{color:var(--muted)}
        td.nowrap{white-space:nowrap}
        .badge{display:inline-block;font-size:10.5px;font-weight:650;text-transform:uppercase;letter-spacing:.05em;padding:1px 6px;border-radius:3px;background:#e3eef7;color:#004f7c;margin-left:6px;vertical-align:1px}
        .delta-up{color:#8a3c00}.delta-down{color:#00664a}
        td ul,section ul.warnings{margin:0;padding-left:18px}
        ul.warnings li{margin:2px 0}
        td ul li{font-size:12.5px;color:var(--warn)}
        .ok{color:#00664a}
        dl.defs{margin:0}
        footer{margin-top:24px;color:var(--muted);font-size:12px;text-align:center}
        @media (max-width:700px){.page{padding:12px 8px}header.top,section.card,nav.toc{padding:14px 14px}nav.toc ol{columns:1}figure{overflow-x:auto}svg.chart{min-width:600px}}
        @media print{
        *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        @page{margin:14mm 12mm}
        body{background:#fff;font-size:11.5px}
        .page{max-width:none;padding:0}
        header.top,section.card,nav.toc{border:none;border-radius:0;padding:0;margin-top:14px}
        header.top{border-top:3px solid var(--accent);padding-top:8px}
        nav.toc,details.data{display:none}
        section.queue{break-before:page}
        .kpis{grid-template-columns:repeat(auto-fit,minmax(140px,1fr))}
        svg.chart text{font-size:12.5px}
        h2,h3{break-after:avoid}
        figure,.kpis,tr{break-inside:avoid}
        .hit{display:none}
        a{color:inherit}
        }
        """
}
