import NIOCore
import _NIOFileSystem

extension Downloader {
    func isSaved(_ file: String) async -> Bool {
        let info = try? await FileSystem.shared.info(forFileAt: FilePath(settings.destination).appending(file))
        return info.map { $0.type == .regular && $0.size > 0 } ?? false
    }

    /// Written off the cooperative pool by `_NIOFileSystem`, under a temporary
    /// name that becomes `file` only once every byte is written: a failure or
    /// a cancellation leaves no partial file behind.
    func save(_ image: ByteBuffer, code: String, file: String, requests: Int) async -> DownloadResult {
        do {
            _ = try await FileSystem.shared.withFileHandle(
                forWritingAt: FilePath(settings.destination).appending(file),
                options: .newFile(replaceExisting: true)
            ) { handle in
                try await handle.write(contentsOf: image, toAbsoluteOffset: 0)
            }
            return .init(code: code, status: .ok, detail: "OK", file: file, requests: requests)
        } catch {
            if Task.isCancelled {
                return .init(code: code, status: .cancelled, detail: "cancelled", file: nil, requests: requests)
            }
            return .init(
                code: code, status: .error, detail: "could not save \(file): \(reason(error))", file: nil,
                requests: requests)
        }
    }
}

func createDestination(_ path: String) async throws {
    try await FileSystem.shared.createDirectory(
        at: FilePath(path), withIntermediateDirectories: true, permissions: nil)
}
