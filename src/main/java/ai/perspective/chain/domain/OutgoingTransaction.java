package ai.perspective.chain.domain;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A transaction the hub signs with its own key and sends, as an outbox row: an anchor or a
 * withdrawal. One relay works all of them, so they share one nonce sequence and the same rules.
 *
 * <pre>
 *   PENDING --submitted--> SUBMITTED --confirmed--> CONFIRMED
 *      ^                      |  \--resubmitted (same nonce, higher gas)--> SUBMITTED
 *      +------released--------+  \--failed for good (reverted, refused)----> FAILED
 * </pre>
 *
 * The signed transaction is kept before it is sent, so after a crash or an outage the relay
 * sends exactly the same transaction again (same nonce, same hash) instead of a new one. Every
 * hash this request was ever sent under is kept too: when a stuck transaction was replaced, the
 * earlier version may be the one that is mined.
 */
public abstract class OutgoingTransaction {

    public enum Stage {
        PENDING, SUBMITTED, CONFIRMED, FAILED
    }

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final UUID id;
    private final Instant requestedAt;
    private Stage stage;
    private String transactionHash;
    private BigInteger nonce;
    private BigInteger gasPrice;
    private String signedTransaction;
    private String earlierHashes;
    private Instant submittedAt;
    private Long blockNumber;
    private Instant confirmedAt;
    private int attempts;
    private Instant nextAttemptAt;
    private String lastError;
    private final long version;

    protected OutgoingTransaction(UUID id, Instant requestedAt) {
        this(id, requestedAt, Stage.PENDING, null, null, null, null, null, null, null, null, 0, requestedAt, null, 0);
    }

    /** Rebuilds a request from storage. */
    protected OutgoingTransaction(UUID id, Instant requestedAt, Stage stage, String transactionHash, BigInteger nonce,
            BigInteger gasPrice, String signedTransaction, String earlierHashes, Instant submittedAt, Long blockNumber,
            Instant confirmedAt, int attempts, Instant nextAttemptAt, String lastError, long version) {
        this.id = Objects.requireNonNull(id);
        this.requestedAt = requestedAt;
        this.stage = Objects.requireNonNull(stage);
        this.transactionHash = transactionHash;
        this.nonce = nonce;
        this.gasPrice = gasPrice;
        this.signedTransaction = signedTransaction;
        this.earlierHashes = earlierHashes;
        this.submittedAt = submittedAt;
        this.blockNumber = blockNumber;
        this.confirmedAt = confirmedAt;
        this.attempts = attempts;
        this.nextAttemptAt = nextAttemptAt;
        this.lastError = lastError;
        this.version = version;
    }

    /** What this transaction is for, in log lines (never a secret). */
    public abstract String describe();

    /** A signed transaction is about to be sent (or replaces a stuck one with the same nonce). */
    public void submitted(String txHash, BigInteger txNonce, BigInteger txGasPrice, String signed, Instant now) {
        if (stage == Stage.SUBMITTED && !txNonce.equals(nonce)) {
            throw new IllegalStateException("a replacement keeps the nonce " + nonce + ", not " + txNonce);
        }
        require(Stage.PENDING, Stage.SUBMITTED);
        if (stage == Stage.SUBMITTED && transactionHash != null && !transactionHash.equals(txHash)) {
            earlierHashes = earlierHashes == null ? transactionHash : earlierHashes + "," + transactionHash;
        }
        stage = Stage.SUBMITTED;
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
        require(Stage.SUBMITTED);
        transactionHash = txHash;
        blockNumber = block;
    }

    public void confirmed(String txHash, long block, Instant now) {
        require(Stage.SUBMITTED, Stage.PENDING);
        stage = Stage.CONFIRMED;
        transactionHash = txHash;
        blockNumber = block;
        confirmedAt = now;
        signedTransaction = null;
        lastError = null;
        nextAttemptAt = null;
    }

    /** The nonce went to another transaction and nothing of ours was mined: queue it again. */
    public void released(String reason, Instant now) {
        require(Stage.SUBMITTED);
        stage = Stage.PENDING;
        transactionHash = null;
        nonce = null;
        gasPrice = null;
        signedTransaction = null;
        earlierHashes = null;
        submittedAt = null;
        blockNumber = null;
        lastError = reason;
        nextAttemptAt = now;
    }

    /** Nothing more the relay can do (e.g. the transaction reverted): a terminal state. */
    public void failedForGood(String reason, Instant now) {
        require(Stage.PENDING, Stage.SUBMITTED);
        stage = Stage.FAILED;
        lastError = reason;
        signedTransaction = null;
        confirmedAt = now;
        nextAttemptAt = null;
    }

    /** Something failed (chain unreachable, send refused): try again later, waiting longer each time. */
    public void failed(String error, Instant now) {
        attempts++;
        lastError = error;
        nextAttemptAt = now.plus(backoff(attempts));
    }

    /** Look again at {@code at} (e.g. for the next block) without counting a failure. */
    public void checkAgainAt(Instant at) {
        nextAttemptAt = at;
    }

    static Duration backoff(int attempts) {
        int exponent = Math.min(Math.max(attempts - 1, 0), 16);
        Duration delay = FIRST_BACKOFF.multipliedBy(1L << exponent);
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    /** Every hash this request was sent under, the current one last. */
    public java.util.List<String> allHashes() {
        java.util.List<String> hashes = new java.util.ArrayList<>();
        if (earlierHashes != null && !earlierHashes.isEmpty()) {
            hashes.addAll(java.util.List.of(earlierHashes.split(",")));
        }
        if (transactionHash != null) {
            hashes.add(transactionHash);
        }
        return hashes;
    }

    protected void require(Stage... allowed) {
        for (Stage s : allowed) {
            if (stage == s) {
                return;
            }
        }
        throw new IllegalStateException(describe() + " is " + stage);
    }

    public UUID id() { return id; }
    public Instant requestedAt() { return requestedAt; }
    public Stage stage() { return stage; }
    public String transactionHash() { return transactionHash; }
    public BigInteger nonce() { return nonce; }
    public BigInteger gasPrice() { return gasPrice; }
    public String signedTransaction() { return signedTransaction; }
    public String earlierHashes() { return earlierHashes; }
    public Instant submittedAt() { return submittedAt; }
    public Long blockNumber() { return blockNumber; }
    public Instant confirmedAt() { return confirmedAt; }
    public int attempts() { return attempts; }
    public Instant nextAttemptAt() { return nextAttemptAt; }
    public String lastError() { return lastError; }
    public long version() { return version; }
}
