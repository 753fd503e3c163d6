package ai.perspective.gateway.application;

import java.util.concurrent.CompletionStage;

/** The client's side of a call: one whole answer, or a stream of server-sent events. */
public interface Reply {

    /** Raised when the client went away while we were writing to it. */
    final class ClientGone extends Exception {
        public ClientGone(Throwable cause) {
            super(cause);
        }
    }

    /** A whole answer. */
    record Answer(int status, String contentType, String body) {
    }

    void send(int status, String contentType, String body);

    /**
     * Sends a whole answer once it is ready (a successful call's, once its usage record is committed).
     * The default waits for it on this thread. A transport that can write from any thread sends it
     * from the thread that completes it, the journal's writer, while this thread goes on: a thread
     * parked to wait, then woken, is one more hand-off per call.
     */
    default void sendWhenReady(CompletionStage<Answer> ready) {
        Answer answer = ready.toCompletableFuture().join();
        send(answer.status(), answer.contentType(), answer.body());
    }

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
