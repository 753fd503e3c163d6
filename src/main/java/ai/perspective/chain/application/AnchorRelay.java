package ai.perspective.chain.application;

import ai.perspective.chain.AnchorConfirmed;
import ai.perspective.chain.Anchors.State;
import ai.perspective.chain.EthereumAddress;
import ai.perspective.chain.application.ChainPort.OnChainRoot;
import ai.perspective.chain.application.ChainPort.Receipt;
import ai.perspective.chain.application.ChainPort.SendOutcome;
import ai.perspective.chain.application.ChainPort.SignedTransaction;
import ai.perspective.chain.domain.AnchorRequest;
import ai.perspective.chain.domain.AnchorRequests;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Works the anchoring outbox: PENDING requests are signed (nonce allocated here, the only sender
 * of the hub's key), stored as SUBMITTED with their transaction, then sent; SUBMITTED ones are
 * followed until confirmed, sent again when the node lost them, replaced with a higher gas
 * price when stuck, and re-queued when their nonce went elsewhere without anchoring the root.
 *
 * <p>Exactly-once rests on three things: the signed transaction is stored before it is sent (a
 * crash resends the same one); before a new transaction the contract is asked whether the batch
 * is anchored already; and the contract itself refuses a second root for a batch.
 *
 * <p>One relay per hub at a time ({@link #tick} is not re-entrant): the runtime runs it on one
 * scheduled thread.
 */
public class AnchorRelay {

    private static final Logger LOG = Logger.getLogger(AnchorRelay.class.getName());
    static final int BATCH = 32;

    private final AnchorRequests requests;
    private final ChainSettings settings;
    private final Consumer<AnchorConfirmed> confirmed;
    private final Clock clock;

    public AnchorRelay(AnchorRequests requests, ChainSettings settings, Consumer<AnchorConfirmed> confirmed, Clock clock) {
        this.requests = requests;
        this.settings = settings;
        this.confirmed = confirmed;
        this.clock = clock;
    }

    /** What one tick did: how many requests it looked at, and why the chain failed it, if it did. */
    public record Outcome(int looked, String chainError) {
    }

    /** One pass over the due requests. */
    public Outcome tick(ChainPort chain, EthereumAddress contract) {
        Instant now = clock.instant();
        List<AnchorRequest> due = requests.due(now, BATCH);
        if (due.isEmpty()) {
            return new Outcome(0, null);
        }
        Pass pass;
        try {
            pass = new Pass(chain, contract, chain.blockNumber(), chain.nonce(false));
        } catch (ChainUnavailableException e) {
            due.forEach(r -> failed(r, e, now));
            return new Outcome(due.size(), e.getMessage());
        }
        for (AnchorRequest r : due) {
            try {
                if (r.state() == State.SUBMITTED) {
                    pass.followUp(r, now);
                } else {
                    pass.submit(r, now);
                }
            } catch (ChainUnavailableException e) {
                failed(r, e, now);
                return new Outcome(due.size(), e.getMessage()); // the node is gone: the others wait
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Anchoring " + r.kind() + "/" + r.reference() + " failed", e);
                failed(r, e, now);
            }
        }
        return new Outcome(due.size(), null);
    }

    private void failed(AnchorRequest r, RuntimeException e, Instant now) {
        r.failed(e.getMessage(), now);
        requests.update(r);
    }

    /** State shared by the requests of one tick: the chain head and the next free nonce. */
    private final class Pass {

        final ChainPort chain;
        final EthereumAddress contract;
        final long head;
        final BigInteger minedNonce;
        BigInteger nextNonce;

        Pass(ChainPort chain, EthereumAddress contract, long head, BigInteger minedNonce) {
            this.chain = chain;
            this.contract = contract;
            this.head = head;
            this.minedNonce = minedNonce;
        }

        void submit(AnchorRequest r, Instant now) {
            if (alreadyOnChain(r, now)) {
                return;
            }
            if (nextNonce == null) {
                BigInteger outstanding = requests.highestOutstandingNonce().map(BigInteger.ONE::add).orElse(BigInteger.ZERO);
                nextNonce = chain.nonce(true).max(outstanding);
            }
            BigInteger gasPrice = chain.gasPrice();
            SignedTransaction tx = chain.signAnchor(contract, r.kind(), r.reference(), r.root(), nextNonce, gasPrice);
            r.submitted(tx.hash(), nextNonce, gasPrice, tx.raw(), now);
            r.checkAgainAt(now.plus(settings.pollInterval()));
            if (!requests.update(r)) {
                return; // changed under us: look again next tick
            }
            nextNonce = nextNonce.add(BigInteger.ONE);
            SendOutcome outcome = chain.send(tx.raw());
            if (outcome == SendOutcome.NONCE_USED || outcome == SendOutcome.REFUSED) {
                LOG.warning("The node refused anchor " + r.kind() + "/" + r.reference() + " (" + outcome
                        + "); the relay follows it up");
            }
        }

        void followUp(AnchorRequest r, Instant now) {
            Optional<Receipt> receipt = chain.receipt(r.transactionHash());
            if (receipt.isPresent()) {
                if (!receipt.get().success()) {
                    settle(r, "transaction " + r.transactionHash() + " reverted", now);
                } else {
                    mined(r, receipt.get().transactionHash(), receipt.get().blockNumber(), now);
                }
                return;
            }
            if (r.nonce().compareTo(minedNonce) < 0) {
                settle(r, "nonce " + r.nonce() + " was used by another transaction", now);
                return;
            }
            Duration waiting = Duration.between(r.submittedAt(), now);
            if (!chain.knows(r.transactionHash())) {
                // the node never got it or lost it (restart): the very same transaction again
                chain.send(r.signedTransaction());
            } else if (waiting.compareTo(settings.stuckAfter()) > 0) {
                replace(r, now);
                return;
            }
            r.checkAgainAt(now.plus(settings.pollInterval()));
            requests.update(r);
        }

        /** Same nonce, at least 25% more gas: the node replaces the stuck transaction with this one. */
        private void replace(AnchorRequest r, Instant now) {
            BigInteger bumped = r.gasPrice().multiply(BigInteger.valueOf(5)).divide(BigInteger.valueOf(4)).add(BigInteger.ONE);
            BigInteger gasPrice = bumped.max(chain.gasPrice());
            SignedTransaction tx = chain.signAnchor(contract, r.kind(), r.reference(), r.root(), r.nonce(), gasPrice);
            r.submitted(tx.hash(), r.nonce(), gasPrice, tx.raw(), now);
            r.checkAgainAt(now.plus(settings.pollInterval()));
            if (requests.update(r)) {
                LOG.info("Anchor " + r.kind() + "/" + r.reference() + " was stuck; replaced by " + tx.hash());
                chain.send(tx.raw());
            }
        }

        private void mined(AnchorRequest r, String txHash, long block, Instant now) {
            if (head - block + 1 >= settings.confirmations()) {
                r.confirmed(txHash, block, now);
                if (requests.update(r)) {
                    confirmed.accept(new AnchorConfirmed(r.kind(), r.reference(), r.root(), chain.chainId(),
                            contract.value(), txHash, block, now));
                }
            } else {
                if (r.state() == State.SUBMITTED) {
                    r.mined(txHash, block);
                }
                r.checkAgainAt(now.plus(settings.pollInterval()));
                requests.update(r);
            }
        }

        /** Our transaction will not anchor the root: the contract says whether another one did. */
        private void settle(AnchorRequest r, String reason, Instant now) {
            if (alreadyOnChain(r, now)) {
                return;
            }
            r.released(reason, now);
            requests.update(r);
        }

        /** Handles a batch the contract knows already; false when it does not. */
        private boolean alreadyOnChain(AnchorRequest r, Instant now) {
            Optional<OnChainRoot> onChain = chain.rootOf(contract, r.kind(), r.reference());
            if (onChain.isEmpty()) {
                return false;
            }
            if (!r.sameRoot(onChain.get().root())) {
                r.rejected("the contract holds root " + onChain.get().root() + " for this batch");
                requests.update(r);
                LOG.severe("Anchor " + r.kind() + "/" + r.reference() + " rejected: the contract holds another root");
                return true;
            }
            long block = onChain.get().blockNumber();
            String txHash = chain.anchoringTransaction(contract, r.kind(), r.reference(), block)
                    .orElse(r.transactionHash());
            mined(r, txHash, block, now);
            return true;
        }
    }
}
