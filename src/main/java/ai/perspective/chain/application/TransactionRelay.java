package ai.perspective.chain.application;

import ai.perspective.chain.application.ChainConnection.Ready;
import ai.perspective.chain.application.ChainPort.Receipt;
import ai.perspective.chain.application.ChainPort.SendOutcome;
import ai.perspective.chain.application.ChainPort.SignedTransaction;
import ai.perspective.chain.domain.OutgoingTransaction;
import ai.perspective.chain.domain.OutgoingTransaction.Stage;
import ai.perspective.chain.domain.OutgoingTransactions;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Works the outboxes of everything the hub sends from its key (anchors, withdrawals): PENDING
 * rows are signed (nonce allocated here, the only sender of the hub's key, one sequence for all
 * outboxes), stored as SUBMITTED with their transaction, then sent; SUBMITTED ones are followed
 * until confirmed, sent again when the node lost them, replaced with a higher gas price when
 * stuck, and re-queued when their nonce went elsewhere without doing their work.
 *
 * <p>Exactly-once rests on three things: the signed transaction is stored before it is sent (a
 * crash resends the same one); before a new transaction the {@link Sender} is asked whether the
 * work is on chain already (anchors: the contract's root; withdrawals: the receipts of every
 * version sent); and the anchor contract itself refuses a second root for a batch.
 *
 * <p>One relay per hub at a time ({@link #tick} is not re-entrant): the runtime runs it on one
 * scheduled thread.
 */
public class TransactionRelay {

    private static final Logger LOG = Logger.getLogger(TransactionRelay.class.getName());
    static final int BATCH = 32;

    /** What one kind of outgoing transaction needs besides the shared machinery. */
    public interface Sender<T extends OutgoingTransaction> {

        OutgoingTransactions<T> outbox();

        /** Signs the transaction that does {@code transaction}'s work, without sending it. */
        SignedTransaction sign(ChainPort chain, Ready contracts, T transaction, BigInteger nonce, BigInteger gasPrice);

        /** Whether the work is on chain already, by whatever transaction; asked before signing anew. */
        OnChain lookOnChain(ChainPort chain, Ready contracts, T transaction);

        /** Called once after {@code transaction} became CONFIRMED (and was stored so). */
        default void confirmed(ChainPort chain, Ready contracts, T transaction) {
        }
    }

    /** What the chain says about a transaction's work. */
    public sealed interface OnChain {

        /** Not done: (re)send it. */
        record Absent() implements OnChain {
        }

        /** Done by {@code transactionHash} in {@code block}. */
        record Done(String transactionHash, long block) implements OnChain {
        }

        /** Can never be done (e.g. another root holds the batch, the transfer reverted): a terminal failure. */
        record Impossible(String reason) implements OnChain {
        }

        OnChain ABSENT = new Absent();
    }

    private final ChainSettings settings;
    private final Clock clock;
    private final List<Sender<?>> senders;

    public TransactionRelay(ChainSettings settings, Clock clock, List<Sender<?>> senders) {
        this.settings = settings;
        this.clock = clock;
        this.senders = List.copyOf(senders);
    }

    /** What one tick did: how many rows it looked at, and why the chain failed it, if it did. */
    public record Outcome(int looked, String chainError) {
    }

    /** One row of some outbox, with the sender that knows it. */
    private record Job<T extends OutgoingTransaction>(Sender<T> sender, T row) {

        boolean update() {
            return sender.outbox().update(row);
        }
    }

    /** One pass over the due rows of every outbox. */
    public Outcome tick(ChainPort chain, Ready contracts) {
        Instant now = clock.instant();
        List<Job<?>> due = due(now);
        if (due.isEmpty()) {
            return new Outcome(0, null);
        }
        Pass pass;
        try {
            pass = new Pass(chain, contracts, chain.blockNumber(), chain.nonce(false));
        } catch (ChainUnavailableException e) {
            due.forEach(job -> failed(job, e, now));
            return new Outcome(due.size(), e.getMessage());
        }
        for (Job<?> job : due) {
            try {
                if (job.row().stage() == Stage.SUBMITTED) {
                    pass.followUp(job, now);
                } else {
                    pass.submit(job, now);
                }
            } catch (ChainUnavailableException e) {
                failed(job, e, now);
                return new Outcome(due.size(), e.getMessage()); // the node is gone: the others wait
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, job.row().describe() + " failed", e);
                failed(job, e, now);
            }
        }
        return new Outcome(due.size(), null);
    }

    private List<Job<?>> due(Instant now) {
        List<Job<?>> due = new ArrayList<>();
        for (Sender<?> sender : senders) {
            collect(sender, now, due);
        }
        // submitted ones first, lowest nonce first (a gap would hold up every later nonce), then the oldest
        due.sort(Comparator.<Job<?>, Integer>comparing(j -> j.row().stage() == Stage.SUBMITTED ? 0 : 1)
                .thenComparing(j -> j.row().nonce(), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(j -> j.row().requestedAt()));
        return due.size() > BATCH ? due.subList(0, BATCH) : due;
    }

    private static <T extends OutgoingTransaction> void collect(Sender<T> sender, Instant now, List<Job<?>> into) {
        for (T row : sender.outbox().due(now, BATCH)) {
            into.add(new Job<>(sender, row));
        }
    }

    private BigInteger highestOutstandingNonce() {
        BigInteger highest = null;
        for (Sender<?> sender : senders) {
            Optional<BigInteger> n = sender.outbox().highestOutstandingNonce();
            if (n.isPresent() && (highest == null || n.get().compareTo(highest) > 0)) {
                highest = n.get();
            }
        }
        return highest;
    }

    private void failed(Job<?> job, RuntimeException e, Instant now) {
        job.row().failed(e.getMessage(), now);
        job.update();
    }

    /** State shared by the rows of one tick: the chain head and the next free nonce. */
    private final class Pass {

        final ChainPort chain;
        final Ready contracts;
        final long head;
        final BigInteger minedNonce;
        BigInteger nextNonce;

        Pass(ChainPort chain, Ready contracts, long head, BigInteger minedNonce) {
            this.chain = chain;
            this.contracts = contracts;
            this.head = head;
            this.minedNonce = minedNonce;
        }

        <T extends OutgoingTransaction> void submit(Job<T> job, Instant now) {
            T r = job.row();
            if (settledOnChain(job, now)) {
                return;
            }
            if (nextNonce == null) {
                BigInteger outstanding = highestOutstandingNonce();
                nextNonce = chain.nonce(true).max(outstanding == null ? BigInteger.ZERO : outstanding.add(BigInteger.ONE));
            }
            BigInteger gasPrice = chain.gasPrice();
            SignedTransaction tx = job.sender().sign(chain, contracts, r, nextNonce, gasPrice);
            r.submitted(tx.hash(), nextNonce, gasPrice, tx.raw(), now);
            r.checkAgainAt(now.plus(settings.pollInterval()));
            if (!job.update()) {
                return; // changed under us: look again next tick
            }
            nextNonce = nextNonce.add(BigInteger.ONE);
            SendOutcome outcome = chain.send(tx.raw());
            if (outcome == SendOutcome.NONCE_USED || outcome == SendOutcome.REFUSED) {
                LOG.warning("The node refused " + r.describe() + " (" + outcome + "); the relay follows it up");
            }
        }

        <T extends OutgoingTransaction> void followUp(Job<T> job, Instant now) {
            T r = job.row();
            Optional<Receipt> receipt = chain.receipt(r.transactionHash());
            if (receipt.isPresent()) {
                long block = receipt.get().blockNumber();
                if (!deepEnough(block)) {
                    r.mined(receipt.get().transactionHash(), block);
                    r.checkAgainAt(now.plus(settings.pollInterval()));
                    job.update();
                } else if (receipt.get().success()) {
                    confirm(job, receipt.get().transactionHash(), block, now);
                } else {
                    settle(job, "transaction " + r.transactionHash() + " reverted", now);
                }
                return;
            }
            if (r.nonce().compareTo(minedNonce) < 0) {
                settle(job, "nonce " + r.nonce() + " was used by another transaction", now);
                return;
            }
            Duration waiting = Duration.between(r.submittedAt(), now);
            if (!chain.knows(r.transactionHash())) {
                // the node never got it or lost it (restart): the very same transaction again
                chain.send(r.signedTransaction());
            } else if (waiting.compareTo(settings.stuckAfter()) > 0) {
                replace(job, now);
                return;
            }
            r.checkAgainAt(now.plus(settings.pollInterval()));
            job.update();
        }

        /** Same nonce, at least 25% more gas: the node replaces the stuck transaction with this one. */
        private <T extends OutgoingTransaction> void replace(Job<T> job, Instant now) {
            T r = job.row();
            BigInteger bumped = r.gasPrice().multiply(BigInteger.valueOf(5)).divide(BigInteger.valueOf(4)).add(BigInteger.ONE);
            BigInteger gasPrice = bumped.max(chain.gasPrice());
            SignedTransaction tx = job.sender().sign(chain, contracts, r, r.nonce(), gasPrice);
            r.submitted(tx.hash(), r.nonce(), gasPrice, tx.raw(), now);
            r.checkAgainAt(now.plus(settings.pollInterval()));
            if (job.update()) {
                LOG.info(r.describe() + " was stuck; replaced by " + tx.hash());
                chain.send(tx.raw());
            }
        }

        private boolean deepEnough(long block) {
            return head - block + 1 >= settings.confirmations();
        }

        private <T extends OutgoingTransaction> void confirm(Job<T> job, String txHash, long block, Instant now) {
            T r = job.row();
            r.confirmed(txHash, block, now);
            if (job.update()) {
                job.sender().confirmed(chain, contracts, r);
            }
        }

        /** Our transaction will not do the work: the sender says whether another one did. */
        private <T extends OutgoingTransaction> void settle(Job<T> job, String reason, Instant now) {
            if (settledOnChain(job, now)) {
                return;
            }
            job.row().released(reason, now);
            job.update();
        }

        /** Handles work found on chain (done or impossible); false when it is not there. */
        private <T extends OutgoingTransaction> boolean settledOnChain(Job<T> job, Instant now) {
            T r = job.row();
            OnChain found = job.sender().lookOnChain(chain, contracts, r);
            switch (found) {
                case OnChain.Absent absent -> {
                    return false;
                }
                case OnChain.Impossible impossible -> {
                    r.failedForGood(impossible.reason(), now);
                    job.update();
                    LOG.severe(r.describe() + " failed for good: " + impossible.reason());
                    return true;
                }
                case OnChain.Done done -> {
                    if (deepEnough(done.block())) {
                        confirm(job, done.transactionHash(), done.block(), now);
                    } else {
                        if (r.stage() == Stage.SUBMITTED) {
                            r.mined(done.transactionHash(), done.block());
                        }
                        r.checkAgainAt(now.plus(settings.pollInterval()));
                        job.update();
                    }
                    return true;
                }
            }
        }
    }
}
