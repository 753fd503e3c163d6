package ai.perspective.rewards.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.perspective.identity.AccountId;
import ai.perspective.rewards.Ledger.Code;
import ai.perspective.rewards.LedgerAccount;
import ai.perspective.shared.HubException;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeeScheduleTest {

    static final FeeSchedule DEFAULTS = new FeeSchedule(8000, 500, 1000, 500);
    static final AccountId CREATOR = AccountId.random();
    static final AccountId NODE_A = AccountId.random();
    static final AccountId NODE_B = AccountId.random();
    static final AccountId NODE_C = AccountId.random();
    static final AccountId DATA = AccountId.random();

    @Test
    void sharesWithoutNodesOrDataGoToTheCreator() {
        List<FeeSchedule.Share> shares = DEFAULTS.split(BigInteger.valueOf(10_000), CREATOR, List.of(), List.of());

        assertThat(shares).containsExactly(
                new FeeSchedule.Share(LedgerAccount.earnings(CREATOR), Code.CREATOR_SHARE, BigInteger.valueOf(9_500)),
                new FeeSchedule.Share(LedgerAccount.TREASURY, Code.TREASURY_SHARE, BigInteger.valueOf(500)));
    }

    @Test
    void everyGroupIsPaidWhenItApplies() {
        List<FeeSchedule.Share> shares = DEFAULTS.split(BigInteger.valueOf(10_000), CREATOR, List.of(NODE_A, NODE_B), List.of(DATA));

        assertThat(shares).containsExactly(
                new FeeSchedule.Share(LedgerAccount.earnings(CREATOR), Code.CREATOR_SHARE, BigInteger.valueOf(8_000)),
                new FeeSchedule.Share(LedgerAccount.TREASURY, Code.TREASURY_SHARE, BigInteger.valueOf(500)),
                new FeeSchedule.Share(LedgerAccount.earnings(NODE_A), Code.NODE_SHARE, BigInteger.valueOf(500)),
                new FeeSchedule.Share(LedgerAccount.earnings(NODE_B), Code.NODE_SHARE, BigInteger.valueOf(500)),
                new FeeSchedule.Share(LedgerAccount.earnings(DATA), Code.DATA_SHARE, BigInteger.valueOf(500)));
    }

    @Test
    void remaindersOfRoundingGoToTheCreator() {
        // 1,001 units: treasury 50.05 -> 50, nodes 100.1 -> 100 split in three -> 33 each, data 50.05 -> 50
        List<FeeSchedule.Share> shares = DEFAULTS.split(BigInteger.valueOf(1_001), CREATOR, List.of(NODE_A, NODE_B, NODE_C), List.of(DATA));

        assertThat(shares.get(0)).isEqualTo(new FeeSchedule.Share(LedgerAccount.earnings(CREATOR), Code.CREATOR_SHARE,
                BigInteger.valueOf(1_001 - 50 - 3 * 33 - 50)));
        assertThat(shares).extracting(FeeSchedule.Share::amount).extracting(BigInteger::intValue)
                .containsExactly(802, 50, 33, 33, 33, 50);
    }

    @Test
    void tinyChargesGoWhollyToTheCreatorAndZeroSharesAreLeftOut() {
        assertThat(DEFAULTS.split(BigInteger.ONE, CREATOR, List.of(NODE_A), List.of(DATA)))
                .containsExactly(new FeeSchedule.Share(LedgerAccount.earnings(CREATOR), Code.CREATOR_SHARE, BigInteger.ONE));
        assertThat(DEFAULTS.split(BigInteger.ZERO, CREATOR, List.of(), List.of())).isEmpty();
    }

    @Test
    void sharesAlwaysAddUpToTheCost() {
        Random random = new Random(42);
        FeeSchedule odd = new FeeSchedule(6_667, 1_111, 1_111, 1_111);
        for (int i = 0; i < 2_000; i++) {
            BigInteger cost = new BigInteger(1 + random.nextInt(90), random);
            List<AccountId> nodes = List.of(NODE_A, NODE_B, NODE_C).subList(0, random.nextInt(4));
            List<AccountId> data = random.nextBoolean() ? List.of(DATA) : List.of();
            for (FeeSchedule schedule : List.of(DEFAULTS, odd)) {
                List<FeeSchedule.Share> shares = schedule.split(cost, CREATOR, nodes, data);
                assertThat(shares.stream().map(FeeSchedule.Share::amount).reduce(BigInteger.ZERO, BigInteger::add)).isEqualTo(cost);
                assertThat(shares).allMatch(s -> s.amount().signum() > 0);
            }
        }
    }

    @Test
    void sharesMustSumToTheWhole() {
        assertThatThrownBy(() -> new FeeSchedule(8000, 500, 1000, 499)).isInstanceOf(HubException.class)
                .hasMessageContaining("9999");
        assertThatThrownBy(() -> new FeeSchedule(10_500, -500, 0, 0)).isInstanceOf(HubException.class);
    }
}
