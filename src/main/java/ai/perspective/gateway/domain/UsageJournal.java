package ai.perspective.gateway.domain;

import ai.perspective.identity.AccountId;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Where usage records go, durably. {@link #record} completes once the record (and its outbox
 * event, and the reply for an Idempotency-Key) is committed: the gateway finishes a response to
 * the client only after that.
 */
public interface UsageJournal {

    CompletionStage<Void> record(Usage usage, StoredReply reply);

    /** What {@link #claim} found. */
    sealed interface Claim permits Claimed, InProgress, Replay {
    }

    /** This request owns the key now. */
    record Claimed() implements Claim {
    }

    /** Another request with this key is running. */
    record InProgress() implements Claim {
    }

    /** A request with this key completed: replay its reply. */
    record Replay(StoredReply reply) implements Claim {
    }

    /** Claims an Idempotency-Key for a request, or tells what happened to it before. */
    Claim claim(AccountId account, String idempotencyKey, UUID requestId);

    /** Frees a claimed key after a failed attempt, so the client may retry it. */
    void release(AccountId account, String idempotencyKey);

    Optional<Usage> byRequestId(UUID requestId);
}
