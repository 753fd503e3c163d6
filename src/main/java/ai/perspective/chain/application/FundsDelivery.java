package ai.perspective.chain.application;

import ai.perspective.chain.DepositConfirmed;
import ai.perspective.chain.WithdrawalConfirmed;
import ai.perspective.chain.WithdrawalFailed;
import ai.perspective.chain.application.ChainConnection.Ready;
import ai.perspective.chain.domain.Deposit;
import ai.perspective.chain.domain.DepositRecords;
import ai.perspective.chain.domain.OutgoingTransaction.Stage;
import ai.perspective.chain.domain.Withdrawal;
import ai.perspective.chain.domain.WithdrawalRecords;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Hands confirmed deposits and finished withdrawals to the ledger: publishes each event
 * synchronously and marks the row delivered only when every observer returned. An observer that
 * throws (the ledger busy, the database down) leaves the row to be offered again later, waiting
 * longer each time; the observers are idempotent on the deposit's or withdrawal's id, so a
 * redelivery changes nothing.
 */
public class FundsDelivery {

    private static final Logger LOG = Logger.getLogger(FundsDelivery.class.getName());
    static final int BATCH = 32;
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final DepositRecords deposits;
    private final WithdrawalRecords withdrawals;
    private final Consumer<DepositConfirmed> depositConfirmed;
    private final Consumer<WithdrawalConfirmed> withdrawalConfirmed;
    private final Consumer<WithdrawalFailed> withdrawalFailed;
    private final Clock clock;

    public FundsDelivery(DepositRecords deposits, WithdrawalRecords withdrawals,
            Consumer<DepositConfirmed> depositConfirmed, Consumer<WithdrawalConfirmed> withdrawalConfirmed,
            Consumer<WithdrawalFailed> withdrawalFailed, Clock clock) {
        this.deposits = deposits;
        this.withdrawals = withdrawals;
        this.depositConfirmed = depositConfirmed;
        this.withdrawalConfirmed = withdrawalConfirmed;
        this.withdrawalFailed = withdrawalFailed;
        this.clock = clock;
    }

    /** Offers what is due; returns how many were accepted. */
    public int deliver(long chainId, Ready contracts) {
        int accepted = 0;
        Instant now = clock.instant();
        for (Deposit d : deposits.undelivered(now, BATCH)) {
            try {
                depositConfirmed.accept(new DepositConfirmed(d.id(), d.account(), d.from(), d.amount(), d.chainId(),
                        d.transactionHash(), d.logIndex(), d.blockNumber(), d.seenAt()));
                deposits.delivered(d.id(), clock.instant());
                accepted++;
            } catch (RuntimeException e) {
                LOG.warning("Deposit " + d.id() + " not credited yet (" + e.getMessage() + "); offered again later");
                deposits.deliveryFailed(d.id(), e.getMessage(), now.plus(backoff(d.attempts() + 1)));
            }
        }
        for (Withdrawal w : withdrawals.undelivered(now, BATCH)) {
            try {
                if (w.stage() == Stage.CONFIRMED) {
                    withdrawalConfirmed.accept(new WithdrawalConfirmed(w.id(), w.to(), w.amount(), chainId,
                            contracts.token().value(), w.transactionHash(), w.blockNumber(), w.confirmedAt()));
                } else {
                    withdrawalFailed.accept(new WithdrawalFailed(w.id(), w.to(), w.amount(), w.lastError(),
                            w.confirmedAt() == null ? now : w.confirmedAt()));
                }
                withdrawals.delivered(w.id(), clock.instant());
                accepted++;
            } catch (RuntimeException e) {
                LOG.warning("Outcome of withdrawal " + w.id() + " not taken by the ledger yet (" + e.getMessage()
                        + "); offered again later");
                withdrawals.deliveryFailed(w.id(), e.getMessage(), now.plus(backoff(w.attempts() + 1)));
            }
        }
        return accepted;
    }

    static Duration backoff(int attempts) {
        Duration delay = Duration.ofSeconds(1L << Math.min(Math.max(attempts - 1, 0), 16));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }
}
