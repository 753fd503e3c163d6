package ai.perspective.rewards.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.perspective.identity.AccountId;
import ai.perspective.rewards.Ledger.Code;
import ai.perspective.rewards.Ledger.Kind;
import ai.perspective.rewards.Ledger.Transfer;
import ai.perspective.rewards.LedgerAccount;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TransfersTest {

    static final LedgerAccount USER = LedgerAccount.spendable(AccountId.random());
    static final UUID ID = UUID.randomUUID();

    static Transfer grant(BigInteger amount, String memo, long seq, Instant at) {
        return new Transfer(ID, seq, LedgerAccount.TREASURY, USER, amount, Kind.SINGLE, Code.GRANT, null, null, null, memo, at);
    }

    @Test
    void aRetryIsTheSameRequestWhateverTheLedgerAssigned() {
        assertThat(Transfers.sameRequest(grant(BigInteger.TEN, "m", 1, Instant.EPOCH), grant(BigInteger.TEN, "m", 7, Instant.now())))
                .isTrue();
    }

    @Test
    void anyFieldTheClientChoseMakesItAnotherRequest() {
        Transfer original = grant(BigInteger.TEN, "m", 1, Instant.EPOCH);

        assertThat(Transfers.sameRequest(original, grant(BigInteger.ONE, "m", 1, Instant.EPOCH))).isFalse();
        assertThat(Transfers.sameRequest(original, grant(BigInteger.TEN, "other", 1, Instant.EPOCH))).isFalse();
        assertThat(Transfers.sameRequest(original, new Transfer(ID, 1, LedgerAccount.CHAIN, USER, BigInteger.TEN, Kind.SINGLE,
                Code.GRANT, null, null, null, "m", Instant.EPOCH))).isFalse();
    }

    @Test
    void structuralRules() {
        assertThatThrownBy(() -> Transfers.check(grant(BigInteger.valueOf(-1), null, 0, null))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Transfers.check(grant(BigInteger.TWO.pow(256), null, 0, null))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Transfers.check(new Transfer(ID, 0, USER, USER, BigInteger.ONE, Kind.SINGLE, Code.GRANT, null, null,
                null, null, null))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Transfers.check(new Transfer(ID, 0, USER, LedgerAccount.CLEARING, BigInteger.ONE, Kind.POST,
                Code.CHARGE, null, null, null, null, null))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void derivedIdsAreStablePerPurposeAndKey() {
        assertThat(TransferIds.hold("req-1")).isEqualTo(TransferIds.hold("req-1"));
        assertThat(TransferIds.hold("req-1")).isNotEqualTo(TransferIds.post("req-1")).isNotEqualTo(TransferIds.hold("req-2"));
    }
}
