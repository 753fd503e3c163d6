package ai.perspective.chain.application;

import ai.perspective.chain.EthereumAddress;
import ai.perspective.chain.Withdrawals;
import ai.perspective.chain.domain.OutgoingTransaction.Stage;
import ai.perspective.chain.domain.Withdrawal;
import ai.perspective.chain.domain.WithdrawalRecords;
import ai.perspective.shared.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class WithdrawalService implements Withdrawals {

    @Inject
    WithdrawalRecords records;

    Clock clock = Clock.systemUTC();

    /** Joins the caller's transaction: the outbox row commits or rolls back with the caller's ledger transfer. */
    @Override
    @Transactional
    public WithdrawalStatus request(UUID id, EthereumAddress to, BigInteger amount) {
        if (id == null) {
            throw HubException.invalid("id", "missing-field", "Choose a withdrawal id: it makes retries safe.");
        }
        if (to == null) {
            throw HubException.invalid("address", "missing-field", "Name the wallet to send POV to.");
        }
        if (amount == null || amount.signum() <= 0 || amount.bitLength() > 256) {
            throw HubException.invalid("amount", "invalid-amount", "A withdrawal is a positive amount of base units.");
        }
        Withdrawal stored = records.byId(id)
                .orElseGet(() -> records.addIfAbsent(new Withdrawal(id, to, amount, clock.instant())));
        if (!stored.sameRequest(to, amount)) {
            throw HubException.conflict("id", "withdrawal-conflict", "Withdrawal " + id
                    + " exists with another address or amount; use a new id for a new withdrawal.");
        }
        return view(stored);
    }

    @Override
    public Optional<WithdrawalStatus> status(UUID id) {
        return records.byId(id).map(WithdrawalService::view);
    }

    static WithdrawalStatus view(Withdrawal w) {
        State state = switch (w.stage()) {
            case PENDING -> State.PENDING;
            case SUBMITTED -> State.SUBMITTED;
            case CONFIRMED -> State.CONFIRMED;
            case FAILED -> State.FAILED;
        };
        return new WithdrawalStatus(w.id(), w.to(), w.amount(), state,
                w.stage() == Stage.PENDING ? null : w.transactionHash(), w.blockNumber(), w.requestedAt(),
                w.confirmedAt(), w.stage() == Stage.CONFIRMED ? null : w.lastError());
    }
}
