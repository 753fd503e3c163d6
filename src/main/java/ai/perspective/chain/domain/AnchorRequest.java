package ai.perspective.chain.domain;

import ai.perspective.chain.AnchorKind;
import ai.perspective.chain.Anchors.State;
import ai.perspective.chain.Bytes32;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One root to anchor: the outbox row the relay works through.
 *
 * <pre>
 *   PENDING --submitted--> SUBMITTED --confirmed--> CONFIRMED
 *      ^                      |  \--resubmitted (same nonce, higher gas)--> SUBMITTED
 *      +------released--------+  \--rejected (another root on chain)------> REJECTED
 * </pre>
 *
 * The signed transaction is kept before it is sent, so after a crash or an outage the relay
 * sends exactly the same transaction again (same nonce, same hash) instead of a new one.
 */
public class AnchorRequest {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final UUID id;
    private final AnchorKind kind;
    private final String reference;
    private final Bytes32 root;
    private final Instant requestedAt;
    private State state;
    private String transactionHash;
    private BigInteger nonce;
    private BigInteger gasPrice;
    private String signedTransaction;
    private Instant submittedAt;
    private Long blockNumber;
    private Instant confirmedAt;
    private int attempts;
    private Instant nextAttemptAt;
    private String lastError;
    private long version;

    public AnchorRequest(UUID id, AnchorKind kind, String reference, Bytes32 root, Instant requestedAt) {
        this(id, kind, reference, root, requestedAt, State.PENDING, null, null, null, null, null, null, null, 0,
                requestedAt, null, 0);
    }

    /** Rebuilds a request from storage. */
    public AnchorRequest(UUID id, AnchorKind kind, String reference, Bytes32 root, Instant requestedAt, State state,
            String transactionHash, BigInteger nonce, BigInteger gasPrice, String signedTransaction,
            Instant submittedAt, Long blockNumber, Instant confirmedAt, int attempts, Instant nextAttemptAt,
            String lastError, long version) {
        this.id = Objects.requireNonNull(id);
        this.kind = Objects.requireNonNull(kind);
        this.reference = Objects.requireNonNull(reference);
        this.root = Objects.requireNonNull(root);
        this.requestedAt = requestedAt;
        this.state = state;
        this.transactionHash = transactionHash;
        this.nonce = nonce;
        this.gasPrice = gasPrice;
        this.signedTransaction = signedTransaction;
        this.submittedAt = submittedAt;
        this.blockNumber = blockNumber;
        this.confirmedAt = confirmedAt;
        this.attempts = attempts;
        this.nextAttemptAt = nextAttemptAt;
        this.lastError = lastError;
        this.version = version;
    }

    /** A signed transaction for this root is about to be sent (or replaces a stuck one with the same nonce). */
    public void submitted(String txHash, BigInteger txNonce, BigInteger txGasPrice, String signed, Instant now) {
        if (state == State.SUBMITTED && !txNonce.equals(nonce)) {
            throw new IllegalStateException("a replacement keeps the nonce " + nonce + ", not " + txNonce);
        }
        require(State.PENDING, State.SUBMITTED);
        state = State.SUBMITTED;
        transactionHash = txHash;
        nonce = txNonce;
        gasPrice = txGasPrice;
        signedTransaction = signed;
        submittedAt = now;
        blockNumber = null;
        lastError = null;
        nextAttemptAt = now;
    }

    /** The transaction is in block {@code block}; it counts once it has enough confirmations. */
    public void mined(String txHash, long block) {
        require(State.SUBMITTED);
        transactionHash = txHash;
        blockNumber = block;
    }

    public void confirmed(String txHash, long block, Instant now) {
        require(State.SUBMITTED, State.PENDING);
        state = State.CONFIRMED;
        transactionHash = txHash;
        blockNumber = block;
        confirmedAt = now;
        signedTransaction = null;
        lastError = null;
        nextAttemptAt = null;
    }

    /** The nonce went to another transaction and the root is not on chain: queue it again. */
    public void released(String reason, Instant now) {
        require(State.SUBMITTED);
        state = State.PENDING;
        transactionHash = null;
        nonce = null;
        gasPrice = null;
        signedTransaction = null;
        submittedAt = null;
        blockNumber = null;
        lastError = reason;
        nextAttemptAt = now;
    }

    /** The contract holds another root for this batch: nothing more the relay can do. */
    public void rejected(String reason) {
        state = State.REJECTED;
        lastError = reason;
        signedTransaction = null;
        nextAttemptAt = null;
    }

    /** Something failed (chain unreachable, send refused): try again later, waiting longer each time. */
    public void failed(String error, Instant now) {
        attempts++;
        lastError = error;
        nextAttemptAt = now.plus(backoff(attempts));
    }

    /** Look again at {@code now + delay} (e.g. for the next block) without counting a failure. */
    public void checkAgainAt(Instant at) {
        nextAttemptAt = at;
    }

    static Duration backoff(int attempts) {
        int exponent = Math.min(Math.max(attempts - 1, 0), 16);
        Duration delay = FIRST_BACKOFF.multipliedBy(1L << exponent);
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    public boolean sameRoot(Bytes32 other) {
        return root.equals(other);
    }

    private void require(State... allowed) {
        for (State s : allowed) {
            if (state == s) {
                return;
            }
        }
        throw new IllegalStateException("anchor " + kind + "/" + reference + " is " + state);
    }

    public UUID id() { return id; }
    public AnchorKind kind() { return kind; }
    public String reference() { return reference; }
    public Bytes32 root() { return root; }
    public Instant requestedAt() { return requestedAt; }
    public State state() { return state; }
    public String transactionHash() { return transactionHash; }
    public BigInteger nonce() { return nonce; }
    public BigInteger gasPrice() { return gasPrice; }
    public String signedTransaction() { return signedTransaction; }
    public Instant submittedAt() { return submittedAt; }
    public Long blockNumber() { return blockNumber; }
    public Instant confirmedAt() { return confirmedAt; }
    public int attempts() { return attempts; }
    public Instant nextAttemptAt() { return nextAttemptAt; }
    public String lastError() { return lastError; }
    public long version() { return version; }
}
