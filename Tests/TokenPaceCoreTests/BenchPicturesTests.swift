import Foundation
import Testing

@testable import TokenPaceCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Elements of an XML document as a parser sees them: name, attributes and the text inside.
final class XMLElements: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
    }
    var elements: [Element] = []
    private var open: [Int] = []
    var error: String?

    static func parse(_ text: String) -> XMLElements {
        let collector = XMLElements()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = collector
        if !parser.parse() { collector.error = parser.parserError.map { "\($0)" } ?? "parse failed" }
        return collector
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        open.append(elements.count)
        elements.append(Element(name: name, attributes: attributes))
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        for i in open { elements[i].text += string }
    }

    func named(_ name: String) -> [Element] { elements.filter { $0.name == name } }
}

/// The HTML page and SVG charts, read back with an XML parser.
@Suite struct BenchPicturesTests {
    @Test func raceSVGHasALinePerPaneRisingToItsTokenCount() throws {
        let report = BenchReportTests.report()
        let svg = XMLElements.parse(report.raceSVG)
        #expect(svg.error == nil)
        #expect(svg.elements.first?.name == "svg")
        #expect(svg.elements.first?.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        let lines = svg.named("polyline")
        #expect(lines.map { $0.attributes["data-pane"] } == ["A", "B"])
        // Each token adds two points (arrival, then one token up) after the origin.
        for (line, pane) in zip(lines, report.panes) {
            let points = line.attributes["points"]?.split(separator: " ") ?? []
            #expect(points.count == 1 + 2 * (pane.representative?.tokenTimes.count ?? 0))
            let ys = points.compactMap { Double($0.split(separator: ",")[1]) }
            #expect(zip(ys, ys.dropFirst()).allSatisfy { $0 >= $1 })  // SVG y grows downwards
        }
        let legend = svg.named("text").filter { $0.attributes["class"] == "legend" }.map(\.text)
        #expect(legend.count == 2)
        #expect(legend[0].hasPrefix("A sim:10@0.5s"))
        #expect(svg.named("script").isEmpty)
    }

    @Test func htmlPageIsSelfContainedWithTablesChartsAndDefinitions() throws {
        var report = try SweepTests.sweepReport()
        report.levels[1].panes[0].name = "openai:<x&y>"
        let page = XMLElements.parse(report.html)
        #expect(page.error == nil)
        #expect(page.named("script").isEmpty)
        #expect(page.named("link").isEmpty)
        #expect(page.elements.allSatisfy { e in !e.attributes.keys.contains { $0 == "src" || $0 == "href" } })
        // A load table and a figures table per level.
        #expect(page.named("table").map { $0.attributes["class"] } == ["load", "figures", "load", "figures"])
        #expect(page.named("h2").map(\.text).prefix(2) == ["concurrency 1", "concurrency 4"])
        let cells = page.named("td").map(\.text)
        #expect(cells.contains("A openai:<x&y>"))
        #expect(cells.contains("50%"))
        // Race chart and two sweep curves.
        #expect(page.named("svg").count == 3)
        let points = page.named("circle").filter { $0.attributes["class"] == "point" }
        #expect(points.compactMap { $0.attributes["data-value"].flatMap(Double.init) }.prefix(2) == [50, 25])
        let terms = page.named("dt").map(\.text)
        #expect(terms.contains("goodput"))
        #expect(terms.contains("TTFT"))
        #expect(page.named("dd").allSatisfy { !$0.text.isEmpty })
    }

    @Test func curveLeavesAGapWhereALevelHasNoValue() {
        let svg = XMLElements.parse(
            BenchSVG.curve(
                title: "t", levels: ["1", "2", "3", "4"], series: [("A", "a", [1, 2, nil, 4])], format: { "\($0)" }))
        #expect(svg.error == nil)
        #expect(svg.named("polyline").count == 1)  // 1–2 joined; 4 alone draws only its point
        #expect(svg.named("circle").count == 3)
    }
}
