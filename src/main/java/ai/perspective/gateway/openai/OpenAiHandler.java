package ai.perspective.gateway.openai;

import ai.perspective.gateway.application.RoutedCalls;
import ai.perspective.shared.OpenAiError;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadFactory;
import org.xnio.IoUtils;

/**
 * The transport of the OpenAI API ({@code /v1/*}): a plain Undertow handler, ahead of the servlet
 * chain ({@link OpenAiExtension}).
 *
 * <p>Per request: the I/O thread reads the body (without blocking, up to the size limit), then the
 * request runs on a virtual thread of its own, where the upstream call and the metering simply
 * block. A whole answer is handed back to the I/O thread to be written, so the exchange also ends
 * there; a stream of events is written from the virtual thread.
 */
final class OpenAiHandler implements HttpHandler {

    private static final String PREFIX = "/v1/";
    /** {@code /v1} itself is the API's too (an unknown URL in its error shape), as a servlet mapped to {@code /v1/*} had it. */
    private static final String ROOT = "/v1";
    private static final HttpString CACHE_CONTROL = new HttpString("Cache-Control");
    private static final HttpString ACCEL_BUFFERING = new HttpString("X-Accel-Buffering");

    private final HttpHandler next;
    private final ServletContext context;
    private final ClassLoader classLoader;
    private final ThreadFactory threads = Thread.ofVirtual().name("openai-", 0).factory();
    private volatile OpenAiApi api;

    OpenAiHandler(HttpHandler next, ServletContext context, ClassLoader classLoader) {
        this.next = next;
        this.context = context;
        this.classLoader = classLoader;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRelativePath();
        if (!path.startsWith(PREFIX) && !path.equals(ROOT)) {
            next.handleRequest(exchange);
            return;
        }
        long start = System.nanoTime();
        OpenAiApi api = api();
        if (api == null) {
            answer(exchange, new OpenAiError(503, "The hub is starting; try again in a few seconds.", "api_error", null,
                    "hub_starting"));
            return;
        }
        long limit = api.maxRequestBytes();
        if (exchange.getRequestContentLength() > limit) {
            answer(exchange, OpenAiApi.tooLarge(limit));
            return;
        }
        exchange.setMaxEntitySize(limit);
        exchange.getRequestReceiver().receiveFullBytes(
                (received, body) -> received.dispatch(this::onVirtualThread, () -> run(api, received, body, start)),
                (failed, e) -> {
                    if (e instanceof RequestTooBigException) {
                        answer(failed, OpenAiApi.tooLarge(limit));
                    } else {
                        IoUtils.safeClose(failed.getConnection()); // the client left while sending
                    }
                });
    }

    private void run(OpenAiApi api, HttpServerExchange exchange, byte[] body, long start) {
        Exchange call = new Exchange(exchange, body);
        try {
            api.handle(call, start);
        } finally {
            call.finish();
        }
    }

    /** The API bean, once CDI has started it ({@link OpenAiApi#start}). */
    private OpenAiApi api() {
        OpenAiApi known = api;
        if (known == null && context.getAttribute(OpenAiApi.class.getName()) instanceof OpenAiApi started) {
            api = known = started;
        }
        return known;
    }

    private void onVirtualThread(Runnable task) {
        Thread thread = threads.newThread(task);
        thread.setContextClassLoader(classLoader); // as on a servlet thread: libraries look up providers through it
        thread.start();
    }

    /** An error before the request reaches the API, answered from the I/O thread. */
    private static void answer(HttpServerExchange exchange, OpenAiError error) {
        exchange.setStatusCode(error.status());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, OpenAiApi.JSON + ";charset=UTF-8");
        exchange.getResponseSender().send(error.toJson());
    }

    /** One request and its answer, from the request's virtual thread. */
    private static final class Exchange implements ApiExchange {
        private final HttpServerExchange exchange;
        private final byte[] body;
        private int status;
        private OutputStream events;

        Exchange(HttpServerExchange exchange, byte[] body) {
            this.exchange = exchange;
            this.body = body;
        }

        @Override
        public String method() {
            return exchange.getRequestMethod().toString();
        }

        @Override
        public String path() {
            return exchange.getRelativePath().substring(ROOT.length());
        }

        @Override
        public String header(String name) {
            return exchange.getRequestHeaders().getFirst(name);
        }

        @Override
        public byte[] body() {
            return body;
        }

        @Override
        public void responseHeader(String name, String value) {
            exchange.getResponseHeaders().put(HttpString.tryFromString(name), value);
        }

        @Override
        public int status() {
            return status;
        }

        @Override
        public void send(int status, String contentType, String body) {
            if (this.status != 0) {
                throw new IllegalStateException("The answer has started already");
            }
            this.status = status;
            exchange.setStatusCode(status);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType + ";charset=UTF-8");
            ByteBuffer bytes = ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8));
            // written by the I/O thread, which then also ends the exchange and reads the connection's next request
            exchange.getIoThread().execute(() -> exchange.getResponseSender().send(bytes));
        }

        @Override
        public void routed(RoutedCalls.RoutedAnswer answer) {
            responseHeader("X-Perspective-Decision", answer.decision().id().toString());
            responseHeader("X-Perspective-Route", RoutedCalls.routeHeader(answer));
            responseHeader("X-Perspective-Candidates", RoutedCalls.candidatesHeader(answer.decision()));
            String failed = RoutedCalls.failedHeader(answer);
            if (failed != null) {
                responseHeader("X-Perspective-Failed", failed);
            }
        }

        @Override
        public void startEvents() throws ClientGone {
            status = 200;
            exchange.setStatusCode(200);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream;charset=UTF-8")
                    .put(CACHE_CONTROL, "no-cache")
                    .put(ACCEL_BUFFERING, "no");
            exchange.startBlocking();
            events = exchange.getOutputStream();
            try {
                events.flush();
            } catch (IOException e) {
                throw new ClientGone(e);
            }
        }

        @Override
        public void event(String data) throws ClientGone {
            try {
                events.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
                events.flush();
            } catch (IOException | RuntimeException e) {
                throw new ClientGone(e);
            }
        }

        /** Ends a stream of events; a request that got no answer at all (a bug) gets a 500 rather than a hang. */
        void finish() {
            if (events != null) {
                try {
                    events.close();
                } catch (IOException e) {
                    // the client left; the call is recorded already
                }
                exchange.endExchange();
            } else if (status == 0) {
                send(500, OpenAiApi.JSON, new OpenAiError(500, "The hub failed to handle this request.", "api_error", null,
                        null).toJson());
            }
        }
    }
}
