import AsyncSupport
import CharIndex
import HTTPRouting
import Hummingbird
import Logging
import MojiAnswers
import PackageVersion
import ServerMetrics

/// What `mojifinder web` needs to start a server; the command and the tests
/// both provide it, so they build exactly the same application.
public protocol AppArguments: Sendable {
    var hostname: String { get }
    var port: Int { get }
    /// `info` or lower logs every request; `notice` keeps only the start line.
    var logLevel: Logger.Level { get }
    /// How many encoded `/search` answers to keep; 0 turns the cache off.
    var cacheEntries: Int { get }
    /// Connections the kernel queues until they are accepted (listen(2)'s
    /// backlog; the kernel caps it at net.core.somaxconn).
    var backlog: Int { get }
}

/// The plain arguments value, for tests and other callers.
public struct WebOptions: AppArguments {
    public var hostname: String
    public var port: Int
    public var logLevel: Logger.Level
    public var cacheEntries: Int
    public var backlog: Int

    public init(
        hostname: String = "127.0.0.1", port: Int = 8080, logLevel: Logger.Level = .info, cacheEntries: Int = 1024,
        backlog: Int = 4096
    ) {
        self.hostname = hostname
        self.port = port
        self.logLevel = logLevel
        self.cacheEntries = cacheEntries
        self.backlog = backlog
    }
}

/// The web service over `finder`: the page at `/`, the API at `/search`, its
/// OpenAPI document at `/openapi.json` / `/openapi.yaml`, `/docs`, `/health`
/// and `/metrics`. Run it inside `metrics.scope` so the route metrics land in
/// `metrics.registry`.
public func buildApplication(_ args: some AppArguments, finder: Finder, metrics: ServerMetrics = ServerMetrics())
    throws -> some ApplicationProtocol
{
    // Plain lines through the log writer, which never blocks a request on a full stdout.
    var logger = Logger.lines(label: "mojifinder-web", level: args.logLevel)
    logger.logLevel = args.logLevel
    // Hummingbird's own lines (its start line among them) only from warning
    // up: the start line and the requests are logged once, below.
    var frameworkLogger = logger
    frameworkLogger.logLevel = max(args.logLevel, .warning)
    logger.debug("index of \(finder.index.wordCount) words, Unicode \(finder.unicodeVersion)")
    let router = try buildRouter(
        finder: finder, requestLog: args.logLevel <= .info ? logger : nil, cacheEntries: args.cacheEntries,
        metrics: metrics)
    return Application(
        router: router,
        server: .http1(
            configuration: .init(
                additionalChannelHandlers: [ParseErrorBodyHandler()], idleTimeout: idleConnectionTimeout)),
        configuration: .init(
            address: .hostname(args.hostname, port: args.port), serverName: PackageVersion.serverHeader("mojifinder"),
            // In the option's range: Hummingbird narrows it to Int32 and traps past that.
            backlog: min(max(args.backlog, 1), 65535)),
        onServerRunning: { [logger] channel in
            await CrowdAccept.install(on: channel, logger: logger)
            // With --port 0 this line is how a caller learns the port.
            let port = channel.localAddress?.port ?? args.port
            logger.notice("mojifinder web listening on http://\(args.hostname):\(port)")
        },
        logger: frameworkLogger
    )
}

/// The routes, shared by `buildApplication` and the router-level tests.
public func buildRouter(
    finder: Finder, requestLog: Logger? = nil, cacheEntries: Int = 1024, metrics: ServerMetrics = ServerMetrics()
) throws -> Router<BasicRequestContext> {
    // HEAD wherever GET works, as FastAPI (Starlette) answers it.
    let router = Router(options: .autoGenerateHeadEndpoints)
    // Before any middleware: a scrape is not logged and not in the route metrics.
    router.addMetricsRoute(metrics)
    router.add(middleware: SingleWriteMiddleware())
    router.add(middleware: MetricsMiddleware())
    if let requestLog { router.add(middleware: AccessLogMiddleware(logger: requestLog)) }
    router.add(middleware: BadRequestMiddleware())
    // Made even when off, so /metrics always lists the answer cache's figures.
    let answers = CountedAnswerCache(capacity: cacheEntries, metrics: metrics)
    let search = SearchRoute(
        finder: finder, answers: cacheEntries > 0 ? answers : nil, compressed: AnswerCache(maxEntries: cacheEntries))

    router.get("/") { _, _ in StaticPage.html(Page.html) }
    router.get("/docs") { _, _ in StaticPage.html(DocsPage.html) }
    router.get("/openapi.json") { _, _ in StaticPage(contentType: "application/json", text: OpenAPIDocument.json) }
    router.get("/openapi.yaml") { _, _ in StaticPage(contentType: "application/yaml", text: OpenAPIDocument.yaml) }
    // A fixed answer: the framework's own ceiling in the benchmark.
    router.get("/health") { _, _ in "ok\n" }
    let version = mojifinderVersion(unicodeNames: finder.unicodeVersion) + "\n"
    router.get("/version") { _, _ in version }

    router.get("/search") { request, _ in try search.response(to: request) }
    router.get("/emoji") { request, _ in try search.emojiResponse(to: request) }
    router.get("/identify") { request, _ in try search.identifyResponse(to: request) }
    router.get("/emoji/languages") { _, _ in
        Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: SearchCaching.cacheControl],
            body: .init(byteBuffer: SearchRoute.languages))
    }
    router.answerUndeclaredMethods()
    return router
}

/// A response with a fixed body, built once per route.
struct StaticPage: ResponseGenerator {
    let contentType: String
    let text: String

    static func html(_ text: String) -> StaticPage {
        StaticPage(contentType: "text/html; charset=utf-8", text: text)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: .ok,
            headers: [.contentType: contentType, .cacheControl: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }
}
