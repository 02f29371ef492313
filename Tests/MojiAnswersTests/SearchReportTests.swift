import CharIndex
import MojiAnswers
import Testing

@Suite struct SearchReportTests {
    @Test func lineHasCodeCharacterAndName() {
        #expect(SearchReport.line(for: "$") == "U+0024\t$\tDOLLAR SIGN")
        #expect(SearchReport.line(for: "\u{1F431}") == "U+1F431\t\u{1F431}\tCAT FACE")
    }

    @Test func statusLineHas66DashesAndCount() {
        let status = SearchReport.status(count: 10)
        #expect(status == String(repeating: "─", count: 66) + " 10 found")
    }

    @Test func reportLinesNeverHaveAnEmptyNameOrARawControl() {
        #expect(SearchReport.line(for: "\u{7}") == "U+0007\t\u{2407}\t<control-0007>")
        #expect(SearchReport.line(for: "\u{85}") == "U+0085\t\u{FFFD}\t<control-0085>")
    }

    @Test func jsonHasEveryField() {
        let json = SearchReport.json(for: ["🐱", "\u{378}"])
        #expect(
            json == """
                [
                {"char":"🐱","name":"CAT FACE","code":"U+1F431","category":"So","age":"6.0","utf8":"F0 9F 90 B1","html":"&#x1F431;"},
                {"char":"\u{378}","name":"<unassigned-0378>","code":"U+0378","category":"Cn","age":null,"utf8":"CD B8","html":"&#x0378;"}
                ]

                """)
        #expect(SearchReport.json(for: []) == "[]\n")
    }
}
