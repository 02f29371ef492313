import FlagCountries
import NIOCore

/// The flags served when no `--directory` is given: for each of the chapter's
/// codes, a GIF drawn for it and its `metadata.json`.
public enum BuiltInFlags {
    struct Flag: Sendable {
        var gifName: String
        var gif: ByteBuffer
        var metadata: ByteBuffer
    }

    /// The GIF served for a code in any case, distinct from every other code's;
    /// nil for a code outside the set.
    public static func gif(for code: String) -> [UInt8]? {
        byCode[code.lowercased()].map { Array($0.gif.readableBytesView) }
    }

    /// Keyed by the lowercase code of the path; drawn once, on first use
    /// (194 images of under 200 bytes each).
    static let byCode: [String: Flag] = Dictionary(
        uniqueKeysWithValues: CountryData.codes.compactMap { code in
            guard let metadata = CountryData.metadataJSON(for: code) else { return nil }
            let cc = code.lowercased()
            let flag = Flag(
                gifName: "\(cc).gif", gif: ByteBuffer(bytes: FlagDrawing.gif(for: code)),
                metadata: ByteBuffer(bytes: metadata))
            return (cc, flag)
        })
}
