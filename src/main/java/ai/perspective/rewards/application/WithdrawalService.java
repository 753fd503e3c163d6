package ai.perspective.rewards.application;

import ai.perspective.chain.EthereumAddress;
import ai.perspective.chain.Wallets;
import ai.perspective.chain.Withdrawals;
import ai.perspective.identity.AccountId;
import ai.perspective.rewards.Ledger;
import ai.perspective.rewards.Ledger.Code;
import ai.perspective.rewards.Ledger.Kind;
import ai.perspective.rewards.Ledger.Transfer;
import ai.perspective.rewards.LedgerAccount;
import ai.perspective.rewards.LedgerWithdrawals;
import ai.perspective.rewards.domain.TransferIds;
import ai.perspective.shared.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Withdrawals through the ledger's API: the pending transfer (its id is the withdrawal's id) and
 * the chain's outbox row commit in one transaction, so there is never one without the other.
 */
@ApplicationScoped
public class WithdrawalService implements LedgerWithdrawals {

    static final int MAX_LIST = 200;

    @Inject
    Ledger ledger;
    @Inject
    Wallets wallets;
    @Inject
    Withdrawals chain;

    @Override
    @Transactional
    public Withdrawal withdraw(AccountId owner, UUID id, String address, BigInteger amount) {
        if (owner == null) {
            throw HubException.invalid("account", "missing-field", "Name the account that withdraws.");
        }
        if (id == null) {
            throw HubException.invalid("id", "missing-field", "Choose a withdrawal id (a UUID): it makes retries safe.");
        }
        EthereumAddress to = EthereumAddress.parse("address", address);
        if (amount == null || amount.signum() <= 0 || amount.bitLength() > 256) {
            throw HubException.invalid("amount", "invalid-amount", "Withdraw a positive amount of base units (1 POV = 10^18).");
        }
        if (wallets.wallets(owner).stream().noneMatch(w -> w.address().equals(to))) {
            throw HubException.invalid("address", "wallet-not-linked", to + " is not linked to your account: link it "
                    + "first (sign a challenge with it), then withdraw to it.");
        }
        LedgerAccount spendable = LedgerAccount.spendable(owner);
        boolean retry = ledger.find(id).isPresent();
        if (!retry) {
            BigInteger available = ledger.balance(spendable).available();
            if (available.compareTo(amount) < 0) {
                throw insufficient(amount, available);
            }
        }
        try {
            ledger.pending(new Ledger.TransferRequest(id, spendable, LedgerAccount.CHAIN, amount, Code.WITHDRAWAL, null,
                    to.value()));
        } catch (HubException e) {
            if ("insufficient-balance".equals(e.type())) {
                // another withdrawal or a call took the balance between the check and the transfer
                throw insufficient(amount, ledger.balance(spendable).available());
            }
            throw e;
        }
        chain.request(id, to, amount);
        return withdrawal(owner, id).orElseThrow();
    }

    private static HubException insufficient(BigInteger amount, BigInteger available) {
        return new HubException(HubException.Kind.CONFLICT, "insufficient-balance", "amount", "You have "
                + Pov.format(available.max(BigInteger.ZERO)) + " POV available; a withdrawal of " + Pov.format(amount)
                + " POV needs more. Nothing was withdrawn.");
    }

    @Override
    public Optional<Withdrawal> withdrawal(AccountId owner, UUID id) {
        return ledger.find(id).filter(t -> isWithdrawalOf(t, owner)).map(this::view);
    }

    @Override
    public List<Withdrawal> withdrawals(AccountId owner, int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw HubException.invalid("limit", "invalid-page", "Ask for 1 to " + MAX_LIST + " withdrawals.");
        }
        // the WITHDRAWAL transfers are the pending ones and their post or void: at most two per withdrawal
        return ledger.transfers(new Ledger.TransferQuery(owner, Code.WITHDRAWAL, null, null, 0, 2 * limit)).items().stream()
                .filter(t -> isWithdrawalOf(t, owner))
                .limit(limit)
                .map(this::view)
                .toList();
    }

    private static boolean isWithdrawalOf(Transfer t, AccountId owner) {
        return t.kind() == Kind.PENDING && t.code() == Code.WITHDRAWAL && owner.equals(t.debit().owner());
    }

    private Withdrawal view(Transfer pending) {
        Optional<Transfer> posted = ledger.find(postId(pending.id()));
        Optional<Transfer> voided = posted.isPresent() ? Optional.empty() : ledger.find(voidId(pending.id()));
        Optional<Withdrawals.WithdrawalStatus> onChain = chain.status(pending.id());
        State state = posted.isPresent() ? State.COMPLETED : voided.isPresent() ? State.FAILED : State.PENDING;
        return new Withdrawal(pending.id(), pending.memo(), pending.amount(), state,
                onChain.map(s -> s.state().name()).orElse(null),
                onChain.map(Withdrawals.WithdrawalStatus::transactionHash).orElse(null), pending.createdAt(),
                posted.or(() -> voided).map(Transfer::createdAt).orElse(null),
                onChain.map(Withdrawals.WithdrawalStatus::error).orElse(null));
    }

    /** The transfer that posts withdrawal {@code id}: derived, so a redelivered confirmation posts once. */
    static UUID postId(UUID id) {
        return TransferIds.of("withdrawal-post", id.toString());
    }

    static UUID voidId(UUID id) {
        return TransferIds.of("withdrawal-void", id.toString());
    }

    /** A caller's Idempotency-Key, turned into the withdrawal id (per account, so keys of two users never meet). */
    public static UUID idFor(AccountId owner, String idempotencyKey) {
        return TransferIds.of("withdrawal-key", owner.value() + ":" + idempotencyKey);
    }
}
