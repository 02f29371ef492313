import DomainProbe
import TextSupport

/// The one output formatter of blogdom and domaincheck.
public enum ProbeReport {
    public enum Style: Sendable {
        /// `+ domain`, `- domain`, `! domain reason`.
        case blogdom
        /// Found at the left, not found two tabs in, errors as `! domain reason`.
        case domaincheck
        /// One JSON object per line: `{"domain":…,"status":…}` plus `"reason"` for errors.
        case json
    }

    public static func header(_ style: Style) -> [String] {
        style == .domaincheck ? ["FOUND\t\tNOT FOUND", "=====\t\t========="] : []
    }

    public static func line(_ result: ProbeResult, style: Style) -> String {
        switch (style, result.status) {
        case (.blogdom, .found): "+ \(result.domain)"
        case (.blogdom, .notFound): "- \(result.domain)"
        case (.domaincheck, .found): result.domain
        case (.domaincheck, .notFound): "\t\t\(result.domain)"
        // A name never starts with "!", so error lines cannot be mistaken for either column.
        case (.blogdom, .error(let reason)), (.domaincheck, .error(let reason)): "! \(result.domain) \(reason)"
        case (.json, .found): #"{"domain":\#(JSONString.literal(result.domain)),"status":"found"}"#
        case (.json, .notFound): #"{"domain":\#(JSONString.literal(result.domain)),"status":"not found"}"#
        case (.json, .error(let reason)):
            #"{"domain":\#(JSONString.literal(result.domain)),"status":"error","reason":\#(JSONString.literal(reason))}"#
        }
    }
}
