package ai.perspective.gateway.application;

/** The client's side of a call: one whole answer, or a stream of server-sent events. */
public interface Reply {

    /** Raised when the client went away while we were writing to it. */
    final class ClientGone extends Exception {
        public ClientGone(Throwable cause) {
            super(cause);
        }
    }

    void send(int status, String contentType, String body);

    /** Starts a {@code text/event-stream} answer with status 200. */
    void startEvents() throws ClientGone;

    /** Writes one {@code data:} event and flushes it. */
    void event(String data) throws ClientGone;

    /**
     * For {@code perspective/auto}: which model answers and why, told before the answer (or the
     * final error) starts, e.g. to set response headers.
     */
    default void routed(RoutedCalls.RoutedAnswer answer) {
    }
}
