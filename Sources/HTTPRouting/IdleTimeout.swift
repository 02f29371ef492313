import NIOCore

/// How long both HTTP servers keep a connection that has no request in
/// progress: an idle keep-alive connection, or one whose request head has not
/// arrived in full. Hummingbird counts only whole request parts as activity,
/// so a slowloris client dripping header lines is closed after this too. A
/// response being computed (a flags-server delay) is never cut by it.
public let idleConnectionTimeout: TimeAmount = .seconds(60)
