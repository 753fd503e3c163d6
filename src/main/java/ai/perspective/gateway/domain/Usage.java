package ai.perspective.gateway.domain;

import ai.perspective.gateway.ModelUsed;
import ai.perspective.identity.AccountId;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/** The usage record of one call, as the journal stores it. */
public record Usage(UUID requestId, AccountId account, UUID apiKey, String model, AccountId creator,
        int promptTokens, int completionTokens, boolean tokensCounted, BigInteger cost, long latencyMillis,
        ModelUsed.Outcome outcome, int httpStatus, boolean streamed, String idempotencyKey, Instant at) {

    public ModelUsed event() {
        return new ModelUsed(requestId, account, apiKey, model, creator, promptTokens, completionTokens, tokensCounted,
                cost, latencyMillis, outcome, at);
    }
}
