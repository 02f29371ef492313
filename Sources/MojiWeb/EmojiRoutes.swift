import EmojiIndex
import Hummingbird
import MojiAnswers
import Synchronization
import TextSupport

/// Each locale's names, unpacked once and kept: a server answers many
/// requests in the same few languages.
final class EmojiNamesByLocale: Sendable {
    private let names = Mutex<[String: EmojiNames]>([:])

    func names(_ locale: EmojiLocale) -> EmojiNames {
        if let kept = names.withLock({ $0[locale.code] }) { return kept }
        let made = EmojiNames(locale)
        names.withLock { $0[locale.code] = made }
        return made
    }
}

extension SearchRoute {
    /// `GET /emoji?q=&lang=&prefix=&tones=`: RGI emoji by CLDR names and keywords.
    func emojiResponse(to request: Request) throws -> Response {
        try emojiAnswer(to: request, form: .emoji) { parsed, names in
            let found = names.search([parsed.q], prefix: parsed.prefix, tones: parsed.tones)
            return Self.array(found) { EmojiReport.appendJSON($0, to: &$1) }
        }
    }

    /// `GET /identify?q=&lang=`: the parts of a text, an emoji sequence as one.
    func identifyResponse(to request: Request) throws -> Response {
        try emojiAnswer(to: request, form: .identify) { parsed, names in
            Self.array(IdentifiedPart.parts(of: parsed.q, names: names)) { $0.appendJSON(to: &$1) }
        }
    }

    /// Parses an emoji request (`prefix` and `tones` only for `/emoji`), then
    /// answers it through `respond`, `body` making the JSON when no cache has it.
    private func emojiAnswer(
        to request: Request, form: AnswerKey.Form, body: (EmojiRequest, EmojiNames) -> ByteBuffer
    ) throws -> Response {
        switch EmojiRequest.parse(request.uri.description, options: form == .emoji) {
        case .failure(let problem): return Self.unprocessable(problem)
        case .success(let parsed):
            let names = emojiNames.names(parsed.locale)
            return try respond(to: request, key: AnswerKey(parsed.answerText, form: form)) { body(parsed, names) }
        }
    }

    /// `GET /emoji/languages`: every locale's code and names, for the page's menu.
    static let languages: ByteBuffer = array(EmojiLocale.all) { locale, bytes in
        bytes += #"{"code":"#.utf8
        JSONString.append(locale.code.utf8, to: &bytes)
        bytes += #","name":"#.utf8
        JSONString.append(locale.englishName.utf8, to: &bytes)
        bytes += #","nativeName":"#.utf8
        JSONString.append(locale.nativeName.utf8, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
    }

    /// `[a,b,…]` with each element written by `write`.
    static func array<Element>(_ elements: [Element], _ write: (Element, inout [UInt8]) -> Void) -> ByteBuffer {
        ByteBuffer(bytes: JSONArray.bytes(elements, write))
    }
}
