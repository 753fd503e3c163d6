package ai.perspective.rewards.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.perspective.chain.DepositConfirmed;
import ai.perspective.chain.EthereumAddress;
import ai.perspective.chain.WithdrawalConfirmed;
import ai.perspective.chain.WithdrawalFailed;
import ai.perspective.identity.AccountId;
import ai.perspective.rewards.Ledger;
import ai.perspective.rewards.Ledger.Code;
import ai.perspective.rewards.Ledger.Kind;
import ai.perspective.rewards.Ledger.Transfer;
import ai.perspective.rewards.LedgerAccount;
import ai.perspective.shared.HubException;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger side of deposits and withdrawals without a server: the chain module offers each event
 * until the observer returns, so every event may arrive again, and the ledger must end up with one
 * transfer per deposit and one post or void per withdrawal.
 */
class ChainFundsSettlementTest {

    static final BigInteger POV = BigInteger.TEN.pow(18);
    static final EthereumAddress WALLET = new EthereumAddress("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    static final String TX = "0x" + "ab".repeat(32);

    final AccountId alice = AccountId.random();
    final InMemoryLedger journal = new InMemoryLedger();
    final ChainFundsSettlement settlement = new ChainFundsSettlement();

    @BeforeEach
    void wire() {
        settlement.ledger = journal.asLedger();
    }

    DepositConfirmed deposit(long chainId, BigInteger amount) {
        return new DepositConfirmed(chainId + ":" + TX + ":3", alice, WALLET, amount, chainId, TX, 3, 42, Instant.now());
    }

    UUID pendingWithdrawal(BigInteger amount) {
        UUID id = UUID.randomUUID();
        journal.asLedger().pending(new Ledger.TransferRequest(id, LedgerAccount.spendable(alice), LedgerAccount.CHAIN,
                amount, Code.WITHDRAWAL, null, WALLET.value()));
        return id;
    }

    WithdrawalConfirmed confirmed(UUID id) {
        return new WithdrawalConfirmed(id, WALLET, POV, 31337, "0xtoken", TX, 50, Instant.now());
    }

    WithdrawalFailed failed(UUID id) {
        return new WithdrawalFailed(id, WALLET, POV, "reverted", Instant.now());
    }

    @Test
    void aRedeliveredDepositIsCreditedOnce() {
        settlement.credit(deposit(31337, POV.multiply(BigInteger.TWO)));
        settlement.credit(deposit(31337, POV.multiply(BigInteger.TWO)));
        settlement.credit(deposit(31337, POV.multiply(BigInteger.TWO)));

        assertThat(journal.transfers).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo(ChainFundsSettlement.depositId("31337:" + TX + ":3"));
            assertThat(t.kind()).isEqualTo(Kind.SINGLE);
            assertThat(t.code()).isEqualTo(Code.DEPOSIT);
            assertThat(t.debit()).isEqualTo(LedgerAccount.CHAIN);
            assertThat(t.credit()).isEqualTo(LedgerAccount.spendable(alice));
            assertThat(t.amount()).isEqualTo(POV.multiply(BigInteger.TWO));
        });
    }

    @Test
    void theSameTransactionAndLogOnAnotherChainIsAnotherDeposit() {
        settlement.credit(deposit(31337, POV));
        settlement.credit(deposit(1, POV));

        assertThat(journal.transfers).extracting(Transfer::id).doesNotHaveDuplicates().hasSize(2);
        assertThat(ChainFundsSettlement.depositId("31337:" + TX + ":3"))
                .isNotEqualTo(ChainFundsSettlement.depositId("1:" + TX + ":3"));
    }

    @Test
    void aDepositRedeliveredWithAnotherAmountIsRefusedAndChangesNothing() {
        settlement.credit(deposit(31337, POV));

        assertThatThrownBy(() -> settlement.credit(deposit(31337, POV.multiply(BigInteger.TEN))))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.kind()).isEqualTo(HubException.Kind.CONFLICT));
        assertThat(journal.transfers).singleElement().extracting(Transfer::amount).isEqualTo(POV);
    }

    @Test
    void aRedeliveredConfirmationPostsOnce() {
        UUID id = pendingWithdrawal(POV);

        settlement.post(confirmed(id));
        settlement.post(confirmed(id));

        assertThat(journal.resolutionsOf(id)).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(Kind.POST);
            assertThat(t.id()).isEqualTo(WithdrawalService.postId(id));
            assertThat(t.amount()).isEqualTo(POV);
        });
    }

    @Test
    void aRedeliveredFailureVoidsOnce() {
        UUID id = pendingWithdrawal(POV);

        settlement.voidIt(failed(id));
        settlement.voidIt(failed(id));

        assertThat(journal.resolutionsOf(id)).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(Kind.VOID);
            assertThat(t.id()).isEqualTo(WithdrawalService.voidId(id));
        });
    }

    @Test
    void aConfirmationAfterTheFailureIsRefusedAndTheVoidStays() {
        UUID id = pendingWithdrawal(POV);
        settlement.voidIt(failed(id));

        assertThatThrownBy(() -> settlement.post(confirmed(id)))
                .isInstanceOfSatisfying(HubException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HubException.Kind.CONFLICT);
                    assertThat(e.type()).isEqualTo("withdrawal-outcome-conflict");
                    assertThat(e.getMessage()).contains(id.toString(), "voided", TX, "operator");
                });
        assertThat(journal.resolutionsOf(id)).singleElement().extracting(Transfer::kind).isEqualTo(Kind.VOID);
    }

    @Test
    void aFailureAfterTheConfirmationIsRefusedAndThePostStays() {
        UUID id = pendingWithdrawal(POV);
        settlement.post(confirmed(id));

        assertThatThrownBy(() -> settlement.voidIt(failed(id)))
                .isInstanceOfSatisfying(HubException.class, e -> {
                    assertThat(e.type()).isEqualTo("withdrawal-outcome-conflict");
                    assertThat(e.getMessage()).contains("posted", "reverted");
                });
        assertThat(journal.resolutionsOf(id)).singleElement().extracting(Transfer::kind).isEqualTo(Kind.POST);
    }

    @Test
    void anOutcomeForAWithdrawalTheLedgerNeverHeldIsRefusedAndWritesNothing() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> settlement.post(confirmed(unknown))).isInstanceOf(HubException.class);
        assertThatThrownBy(() -> settlement.voidIt(failed(unknown))).isInstanceOf(HubException.class);
        assertThat(journal.transfers).isEmpty();
    }

    /**
     * The part of {@link Ledger}'s documented contract these observers rely on: the transfer id is
     * the idempotency key (same id and fields: the existing transfer; other fields: a conflict), and a
     * pending transfer is resolved once (post or void; the other after it is a conflict). Built as a
     * proxy so the ledger's other operations, which the observers never call, need no stand-ins.
     */
    static final class InMemoryLedger {

        final List<Transfer> transfers = new ArrayList<>();

        List<Transfer> resolutionsOf(UUID pendingId) {
            return transfers.stream().filter(t -> pendingId.equals(t.pendingId())).toList();
        }

        Optional<Transfer> find(UUID id) {
            return transfers.stream().filter(t -> t.id().equals(id)).findFirst();
        }

        Transfer apply(Transfer t) {
            Optional<Transfer> same = find(t.id());
            if (same.isPresent()) {
                Transfer s = same.get();
                if (s.kind() == t.kind() && s.debit().equals(t.debit()) && s.credit().equals(t.credit())
                        && s.amount().equals(t.amount()) && s.code() == t.code() && Objects.equals(s.pendingId(), t.pendingId())
                        && Objects.equals(s.memo(), t.memo())) {
                    return s;
                }
                throw HubException.conflict("id", "transfer-id-conflict", "Transfer " + t.id() + " exists with other fields.");
            }
            if (t.pendingId() != null && !resolutionsOf(t.pendingId()).isEmpty()) {
                throw HubException.conflict(null, "already-resolved", "Pending transfer " + t.pendingId() + " is resolved.");
            }
            transfers.add(t);
            return t;
        }

        Transfer request(Ledger.TransferRequest r, Kind kind) {
            return apply(new Transfer(r.id(), transfers.size() + 1, r.debit(), r.credit(), r.amount(), kind, r.code(), null,
                    null, r.model(), r.memo(), Instant.now()));
        }

        Transfer resolve(UUID pendingId, UUID id, Kind kind) {
            Transfer pending = find(pendingId).filter(t -> t.kind() == Kind.PENDING)
                    .orElseThrow(() -> HubException.notFound("transfer-not-found", "No pending transfer " + pendingId));
            return apply(new Transfer(id, transfers.size() + 1, pending.debit(), pending.credit(), pending.amount(), kind,
                    pending.code(), pendingId, null, pending.model(), pending.memo(), Instant.now()));
        }

        Ledger asLedger() {
            return (Ledger) Proxy.newProxyInstance(Ledger.class.getClassLoader(), new Class<?>[] {Ledger.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "transfer" -> request((Ledger.TransferRequest) args[0], Kind.SINGLE);
                        case "pending" -> request((Ledger.TransferRequest) args[0], Kind.PENDING);
                        case "post" -> resolve((UUID) args[0], (UUID) args[1], Kind.POST);
                        case "voidPending" -> resolve((UUID) args[0], (UUID) args[1], Kind.VOID);
                        case "find" -> find((UUID) args[0]);
                        case "toString" -> "InMemoryLedger";
                        default -> throw new UnsupportedOperationException("not used by the observers: " + method);
                    });
        }
    }
}
