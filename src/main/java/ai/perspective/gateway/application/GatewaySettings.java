package ai.perspective.gateway.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** The gateway's limits, from the environment (documented in the README), read once. */
@ApplicationScoped
public class GatewaySettings {

    private final Duration upstreamTimeout = Duration.ofSeconds(number("PERSPECTIVE_UPSTREAM_TIMEOUT_SECONDS", 60));
    private final Duration connectTimeout = Duration.ofSeconds(number("PERSPECTIVE_UPSTREAM_CONNECT_TIMEOUT_SECONDS", 5));
    private final long maxRequestBytes = number("PERSPECTIVE_MAX_REQUEST_BYTES", 4L * 1024 * 1024);

    /** How long an upstream may take to start answering (and, without streaming, to finish). */
    public Duration upstreamTimeout() {
        return upstreamTimeout;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The largest request body the gateway reads. */
    public long maxRequestBytes() {
        return maxRequestBytes;
    }

    private static long number(String name, long fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed <= 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(name + " must be a positive whole number, not '" + value + "'");
        }
    }
}
