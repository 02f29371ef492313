import AsyncHTTPClient
import NIOCore
import NIOPosix

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What answers at the address where `flags` looks for its LOCAL server.
public enum FlagsServerProbe: Sendable, Equatable, CustomStringConvertible {
    /// `HEAD <base>/ad/ad.gif` answered 200 with a GIF: a flags server, or a
    /// plain static server (`python3 -m http.server`) serving a flags folder.
    case flagsServer(address: String)
    /// Nothing accepts a connection there.
    case nothing(address: String)
    /// Something answers, but not as a flags server; `answer` says how.
    case notFlagsServer(address: String, answer: String)

    public var description: String {
        switch self {
        case .flagsServer(let address): "\(address) is a flags server"
        case .nothing(let address): "Nothing answers at \(address)"
        case .notFlagsServer(let address, let answer): "\(address) answers but is not a flags server (\(answer))"
        }
    }
}

/// Asks `baseURL` for one flag instead of trusting whatever accepts a TCP
/// connection there: another web server on port 8000 (`mojifinder web`, say)
/// would otherwise give 20 "not found". The request is a HEAD of the first
/// code's flag, which every flags server has.
public func probeFlagsServer(at baseURL: String, timeout: Duration = .seconds(5)) async -> FlagsServerProbe {
    guard let url = URL(string: baseURL), let host = url.host, !host.isEmpty else {
        return .nothing(address: baseURL)
    }
    let port = url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
    let address = "\(host):\(port)"
    guard await somethingAnswers(host: host, port: port) else { return .nothing(address: address) }
    let path = "\(url.path)/ad/ad.gif"
    var request = HTTPClientRequest(url: "\(baseURL)/ad/ad.gif")
    request.method = .HEAD
    do {
        let response = try await HTTPClient.shared.execute(request, timeout: TimeAmount(timeout))
        let type = response.headers.first(name: "content-type") ?? "no Content-Type"
        if response.status == .ok, type.lowercased().hasPrefix("image/gif") { return .flagsServer(address: address) }
        return .notFlagsServer(address: address, answer: "HEAD \(path): \(response.status.code) \(type)")
    } catch {
        return .notFlagsServer(address: address, answer: "HEAD \(path): \(error)")
    }
}

/// Whether anything accepts a TCP connection at `host:port` within 0.3 s.
func somethingAnswers(host: String, port: Int) async -> Bool {
    do {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.milliseconds(300))
            .connect(host: host, port: port).get()
        try? await channel.close()
        return true
    } catch {
        return false
    }
}
