package ai.perspective.gateway;

import ai.perspective.identity.AccountId;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/**
 * Published (through the gateway's outbox, at least once) for every call the gateway forwarded.
 * Consumers must be idempotent on {@link #requestId()}.
 *
 * @param tokensCounted true when the hub counted the tokens itself because the upstream did not report usage
 * @param cost          what the call costs the caller in POV base units, at the model's prices when it was made
 *                      (zero unless it succeeded)
 */
public record ModelUsed(UUID requestId, AccountId account, UUID apiKey, String model, AccountId creator,
        int promptTokens, int completionTokens, boolean tokensCounted, BigInteger cost, long latencyMillis,
        Outcome outcome, Instant at) {

    public enum Outcome {
        /** The upstream answered and the client received the whole answer. */
        SUCCEEDED,
        /** The upstream refused the request (its 4xx), passed through to the client. */
        UPSTREAM_REJECTED,
        /** The upstream failed (5xx, refused connection, bad answer): the client got a 502. */
        UPSTREAM_FAILED,
        /** The upstream did not answer in time: the client got a 504. */
        UPSTREAM_TIMEOUT,
        /** The client went away mid-stream; tokens are what was produced until then. */
        CLIENT_DISCONNECTED
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }
}
