package ai.perspective.gateway.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.IdleConnectionEvictor;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client of upstream calls: blocking HTTP/1.1 on the caller's (virtual) thread over pooled
 * keep-alive connections. Blocking on a virtual thread costs no platform thread, and there is no
 * hand-off to a selector thread and back per call, which is where the JDK's asynchronous client
 * spent its time under load.
 *
 * <p>The upstream timeout bounds every wait for bytes (connecting has its own, shorter limit), so a
 * silent upstream fails the call with {@link TimedOut} instead of holding it open.
 */
@ApplicationScoped
public class UpstreamHttp {

    /** A wait for the upstream exceeded the configured timeout. */
    public static final class TimedOut extends IOException {
        TimedOut(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The upstream refused or could not be reached. */
    public static final class Unreachable extends IOException {
        Unreachable(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Reads a response: its status and body. */
    @FunctionalInterface
    public interface Answer {
        void read(int status, Body body) throws IOException;
    }

    @Inject
    GatewaySettings settings;

    /** Package-private: tests read its statistics. */
    PoolingHttpClientConnectionManager connections;
    private CloseableHttpClient client;
    private RequestConfig requestConfig;
    private IdleConnectionEvictor evictor;

    @PostConstruct
    void open() {
        Timeout wait = Timeout.of(settings.upstreamTimeout());
        connections = PoolingHttpClientConnectionManagerBuilder.create()
                // LAX: no global pool lock; every model's server gets its own connections
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setMaxConnTotal(4096)
                .setMaxConnPerRoute(1024)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(wait)
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        // the minimal client: just the connection pool and the exchange, none of the redirect, retry,
        // cookie, authentication or compression steps of the full client (the gateway wants none of them)
        client = HttpClients.createMinimal(connections);
        requestConfig = RequestConfig.custom().setResponseTimeout(wait).build();
        evictor = new IdleConnectionEvictor(connections, TimeValue.ofSeconds(30));
        evictor.start();
    }

    @PreDestroy
    void close() {
        evictor.shutdown();
        client.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
    }

    /**
     * POSTs a JSON body with the model's secret as bearer token and hands the answer to {@code answer}.
     * An answer read to its end leaves its connection for the next call; one the reader stopped early
     * (a stream the client left, a rejection read in part) is cut off, never drained: an upstream
     * that keeps sending would otherwise hold the call open.
     */
    public void post(URI uri, String secret, String json, boolean stream, Answer answer) throws IOException {
        HttpPost post = new HttpPost(uri);
        post.setHeader("Accept", stream ? "text/event-stream" : ModelCalls.JSON);
        post.setHeader("Authorization", "Bearer " + (secret == null ? "" : secret));
        post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        ClassicHttpResponse response;
        try {
            HttpClientContext context = HttpClientContext.create();
            context.setRequestConfig(requestConfig);
            // the minimal client takes the target host as given, it does not derive it from the URI
            response = client.executeOpen(new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort()), post, context);
        } catch (SocketTimeoutException e) { // ConnectTimeoutException too
            throw new TimedOut(e);
        } catch (HttpHostConnectException e) {
            throw new Unreachable(e);
        }
        InputStream raw = response.getEntity() == null ? InputStream.nullInputStream() : response.getEntity().getContent();
        Body body = new Body(raw, response.getEntity() == null ? 0 : response.getEntity().getContentLength());
        try {
            answer.read(response.getCode(), body);
        } catch (SocketTimeoutException e) {
            throw new TimedOut(e);
        } finally {
            try {
                if (!body.ended && raw instanceof EofSensorInputStream sensor) {
                    sensor.abort();
                }
                response.close();
            } catch (IOException ignored) {
                // the answer is read or cut off: nothing is left to lose on this connection
            }
        }
    }

    /** An answer's body; notes whether it was read to its end, so its connection can be reused. */
    public static final class Body extends FilterInputStream {
        private final long length;
        private boolean ended;

        Body(InputStream in, long length) {
            super(in);
            this.length = length;
        }

        /**
         * The whole body. Sized by its Content-Length when it has one: {@code readAllBytes} starts
         * with a 16 KB buffer, for an answer of usually a few hundred bytes; with that and the JSON
         * readers ({@code JsonText}), the hub went from about 80 to 30 KB allocated per call. (An
         * announced length is no promise: {@code readNBytes} still reads in chunks of at most 16 KB.)
         */
        public byte[] readAll() throws IOException {
            if (length < 0 || length > Integer.MAX_VALUE) {
                return readAllBytes();
            }
            byte[] bytes = readNBytes((int) length);
            if (bytes.length == length) {
                read(); // the end, seen: the connection goes back to the pool
            }
            return bytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            ended |= n < 0;
            return n;
        }
    }
}
