import CCPlanBase
import Reporting

/// Renders `report.html`: one self-contained HTML5 file with inline CSS and server-side SVG
/// charts (the ``Reporting`` toolkit); no JavaScript, fonts, images or network access. All text
/// is escaped, absent and non-finite numbers are shown as "–", and the output depends only on
/// `doc` (the same document always gives byte-identical HTML).
///
/// - Parameter doc: The report's content.
/// - Returns: The complete HTML document.
/// - Complexity: O(total number of points, rows and characters in `doc`); series longer than
///   2,000 points are reduced to their per-bucket minima and maxima in charts.
public func renderHTML(_ doc: PlanReportDocument) -> String {
    PlanReportPage.render(doc).string
}

/// The plan report's page: the ``ReportPage`` skeleton around the summary, one section per
/// queue, the scenarios, the assumptions, the data quality and the warnings.
enum PlanReportPage {
    /// The report as HTML bytes.
    ///
    /// - Complexity: as ``renderHTML(_:)``.
    static func render(_ doc: PlanReportDocument) -> HTMLBuffer {
        let page = ReportPage(
            title: doc.title, subtitle: doc.subtitle, generator: "ccplan", version: doc.ccplanVersion,
            generatedAt: doc.generatedAt, keyFigures: doc.keyFigures, calloutHTML: callout(doc), contents: contents(doc)
        )
        // About 70 kB a queue section (three charts with hover targets), 64 kB for the rest.
        return page.render(capacity: (1 << 16) + doc.sections.count * 70_000) { h in
            PlanReportSections.summary(doc, into: &h)
            for (i, section) in doc.sections.enumerated() {
                PlanReportQueueSection.render(section, id: "q\(i + 1)", into: &h)
            }
            PlanReportSections.scenarios(doc, into: &h)
            PlanReportSections.assumptions(doc, into: &h)
            PlanReportSections.dataQuality(doc, into: &h)
            PlanReportSections.warnings(doc, into: &h)
        }
    }

    /// "This plan comes with 2 warnings and 1 data-quality note: …", linking to both sections.
    static func callout(_ doc: PlanReportDocument) -> String {
        let qualityCount = doc.dataQuality.reduce(0) { $0 + $1.warnings.count }
        var notes: [String] = []
        if !doc.warnings.isEmpty {
            notes.append(
                "<a href=\"#warnings\">\(doc.warnings.count) \(doc.warnings.count == 1 ? "warning" : "warnings")</a>")
        }
        if qualityCount > 0 {
            notes.append(
                "<a href=\"#data-quality\">\(qualityCount) data-quality \(qualityCount == 1 ? "note" : "notes")</a>")
        }
        guard !notes.isEmpty else { return "" }
        return "This plan comes with \(notes.joined(separator: " and ")): please read them before using the figures."
    }

    static func contents(_ doc: PlanReportDocument) -> [ReportPage.ContentsEntry] {
        var items: [ReportPage.ContentsEntry] = []
        if !doc.summary.isEmpty { items.append(.init(id: "summary", title: "Summary")) }
        for (i, s) in doc.sections.enumerated() {
            items.append(.init(id: "q\(i + 1)", title: PlanReportQueueSection.heading(s)))
        }
        if !doc.scenarios.isEmpty { items.append(.init(id: "scenarios", title: "Scenarios")) }
        if !doc.assumptions.isEmpty { items.append(.init(id: "assumptions", title: "Assumptions and definitions")) }
        if !doc.dataQuality.isEmpty { items.append(.init(id: "data-quality", title: "Data quality")) }
        if !doc.warnings.isEmpty { items.append(.init(id: "warnings", title: "Warnings")) }
        return items
    }
}
