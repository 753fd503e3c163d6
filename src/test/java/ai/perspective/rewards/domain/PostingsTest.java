package ai.perspective.rewards.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.perspective.identity.AccountId;
import ai.perspective.rewards.Ledger.Code;
import ai.perspective.rewards.Ledger.Kind;
import ai.perspective.rewards.Ledger.Transfer;
import ai.perspective.rewards.LedgerAccount;
import ai.perspective.rewards.domain.Journal.Totals;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PostingsTest {

    static final LedgerAccount PAYER = LedgerAccount.spendable(AccountId.random());
    static final BigInteger ZERO = BigInteger.ZERO;

    static Transfer transfer(Kind kind, BigInteger amount, UUID pendingId) {
        return new Transfer(UUID.randomUUID(), 0, PAYER, LedgerAccount.CLEARING, amount, kind, Code.CHARGE, pendingId, null,
                null, null, null);
    }

    static Totals totals(long postedDebits, long postedCredits, long pendingDebits, long pendingCredits) {
        return new Totals(BigInteger.valueOf(postedDebits), BigInteger.valueOf(postedCredits), BigInteger.valueOf(pendingDebits),
                BigInteger.valueOf(pendingCredits));
    }

    @Test
    void aHoldMovesPendingTotalsOnly() {
        Postings postings = new Postings();
        postings.add(transfer(Kind.PENDING, BigInteger.valueOf(100), null), null);

        assertThat(postings.byAccount()).containsExactly(
                Map.entry("clearing", totals(0, 0, 0, 100)),
                Map.entry(PAYER.key(), totals(0, 0, 100, 0)));
    }

    @Test
    void postingReleasesTheWholeHoldAndMovesTheCost() {
        Transfer hold = transfer(Kind.PENDING, BigInteger.valueOf(100), null);
        Postings postings = new Postings();
        postings.add(transfer(Kind.POST, BigInteger.valueOf(30), hold.id()), hold);

        assertThat(postings.byAccount().get(PAYER.key())).isEqualTo(totals(30, 0, -100, 0));
        assertThat(postings.byAccount().get("clearing")).isEqualTo(totals(0, 30, 0, -100));
    }

    @Test
    void holdThenVoidLeavesNothing() {
        Transfer hold = transfer(Kind.PENDING, BigInteger.valueOf(100), null);
        Postings postings = new Postings();
        postings.add(hold, null);
        postings.add(transfer(Kind.VOID, BigInteger.valueOf(100), hold.id()), hold);

        assertThat(postings.byAccount().values()).allMatch(Totals::isZero);
    }

    @Test
    void everyTransferDebitsAsMuchAsItCredits() {
        Transfer hold = transfer(Kind.PENDING, BigInteger.valueOf(70), null);
        Postings postings = new Postings();
        for (Transfer t : List.of(transfer(Kind.SINGLE, BigInteger.valueOf(5), null), hold)) {
            postings.add(t, null);
        }
        postings.add(transfer(Kind.POST, BigInteger.valueOf(20), hold.id()), hold);

        Totals sum = postings.byAccount().values().stream().reduce(Totals.ZERO, Totals::plus);
        assertThat(sum.postedDebits()).isEqualTo(sum.postedCredits());
        assertThat(sum.pendingDebits()).isEqualTo(sum.pendingCredits());
    }

    @Test
    void resolvingNeedsTheHold() {
        assertThatThrownBy(() -> new Postings().add(transfer(Kind.VOID, ZERO, UUID.randomUUID()), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accountsComeInOneLockOrder() {
        Postings postings = new Postings();
        postings.add(new Transfer(UUID.randomUUID(), 0, LedgerAccount.TREASURY, PAYER, BigInteger.TEN, Kind.SINGLE,
                Code.GRANT, null, null, null, null, null), null);
        postings.add(transfer(Kind.PENDING, BigInteger.ONE, null), null);

        assertThat(List.copyOf(postings.byAccount().keySet())).isSorted();
    }
}
