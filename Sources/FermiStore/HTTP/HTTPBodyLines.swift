import AsyncHTTPClient
import NIOCore

/// The lines of a streamed HTTP body (a watch's events, one JSON document a line), pulled
/// from the body only as they are asked for, so a slow reader slows the connection instead of
/// filling memory. Both the etcd gateway's watch and a Kubernetes watch are read with it; its
/// reader (an actor) owns it and calls it from its own isolation.
public final class HTTPBodyLines {
    private var body: HTTPClientResponse.Body.AsyncIterator
    private var pending = ByteBuffer()

    public init(_ body: HTTPClientResponse.Body) {
        self.body = body.makeAsyncIterator()
    }

    /// The next non-empty line, without its newline; nil when the body ends or the reading
    /// task is cancelled. A failure to read the body is thrown as it came.
    public func next(isolation actor: isolated (any Actor)? = #isolation) async throws -> ByteBuffer? {
        while true {
            if let newline = pending.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending.readSlice(length: newline - pending.readerIndex)
                pending.moveReaderIndex(forwardBy: 1)
                if let line, line.readableBytes > 0 { return line }
                continue
            }
            let chunk: ByteBuffer?
            do {
                chunk = try await body.next(isolation: actor)
            } catch is CancellationError {
                return nil
            } catch {
                if Task.isCancelled { return nil }
                throw error
            }
            guard var chunk else { return nil }
            pending.discardReadBytes()
            pending.writeBuffer(&chunk)
        }
    }
}
