import AsyncHTTPClient
import NIOCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One request of a job: the flag, then (with `--country-names`) the
/// metadata, each run in a concurrency slot of its own.
enum Step: Sendable {
    case flag(code: String)
    case country(code: String, image: ByteBuffer, requests: Int)
}

enum StepOutput: Sendable {
    case finished(DownloadResult)
    case needsCountry(Step)
}

struct Downloader: Sendable {
    let client: HTTPClient
    let settings: DownloadSettings

    func url(_ code: String, _ file: String) -> String {
        "\(settings.baseURL)/\(code.lowercased())/\(file)"
    }

    func run(_ step: Step) async -> StepOutput {
        switch step {
        case .flag(let code):
            let file = "\(code).gif"
            if settings.skipExisting, !settings.countryNames, await isSaved(file) {
                return .finished(
                    .init(code: code, status: .ok, detail: "OK (already present)", file: file, requests: 0))
            }
            let (outcome, requests) = await fetch(url(code, "\(code.lowercased()).gif"), timeout: settings.flagTimeout)
            guard case .body(let image) = outcome else {
                return .finished(result(code, outcome, requests))
            }
            if settings.countryNames {
                return .needsCountry(.country(code: code, image: image, requests: requests))
            }
            return .finished(await save(image, code: code, file: file, requests: requests))
        case .country(let code, let image, let previous):
            let (outcome, requests) = await fetch(url(code, "metadata.json"), timeout: settings.metadataTimeout)
            guard case .body(let body) = outcome else {
                return .finished(result(code, outcome, previous + requests))
            }
            guard let country = Self.countryName(in: body) else {
                return .finished(
                    .init(
                        code: code, status: .error, detail: "metadata.json has no country name",
                        file: nil, requests: previous + requests))
            }
            let file = Self.fileName(forCountry: country)
            if settings.skipExisting, await isSaved(file) {
                return .finished(
                    .init(
                        code: code, status: .ok, detail: "OK (already present)", file: file,
                        requests: previous + requests))
            }
            return .finished(await save(image, code: code, file: file, requests: previous + requests))
        }
    }

    func result(_ code: String, _ outcome: FetchOutcome, _ requests: Int) -> DownloadResult {
        switch outcome {
        case .body: .init(code: code, status: .ok, detail: "OK", file: nil, requests: requests)
        case .notFound(let url):
            .init(code: code, status: .notFound, detail: "not found: \(url)", file: nil, requests: requests)
        case .failed(let message): .init(code: code, status: .error, detail: message, file: nil, requests: requests)
        case .cancelled: .init(code: code, status: .cancelled, detail: "cancelled", file: nil, requests: requests)
        }
    }

    static func countryName(in body: ByteBuffer) -> String? {
        struct Metadata: Decodable { var country: String }
        return try? JSONDecoder().decode(Metadata.self, from: Data(body.readableBytesView)).country
    }

    /// Spaces become `_` as in the chapter; a `/` could name another folder,
    /// so it goes too, even where a combining mark makes it part of a letter.
    static func fileName(forCountry country: String) -> String {
        let scalars = country.unicodeScalars.map { $0 == " " || $0 == "/" ? "_" : $0 }
        return String(String.UnicodeScalarView(scalars)) + ".gif"
    }
}
