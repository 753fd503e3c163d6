package ai.perspective.chain.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import ai.perspective.chain.EthereumAddress;
import ai.perspective.chain.domain.Deposit;
import ai.perspective.chain.support.ChainTestKit;
import ai.perspective.identity.AccountId;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The deposit outbox on the migrated H2 schema: a deposit is one log on one chain. */
class JdbcDepositsTest {

    static final String TX = "0x" + "cd".repeat(32);
    static final EthereumAddress WALLET = new EthereumAddress("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");

    final JdbcDeposits deposits = new JdbcDeposits(ChainTestKit.database());
    final AccountId alice = AccountId.random();

    Deposit deposit(String id, long chainId, BigInteger amount) {
        Instant now = Instant.now();
        return new Deposit(id, chainId, TX, 0, 7, WALLET, amount, alice, now, null, 0, now, null);
    }

    @Test
    void theIdNamesTheChainTheTransactionAndTheLog() {
        assertThat(Deposit.idOf(31337, TX, 2)).isEqualTo("31337:" + TX + ":2");
        assertThat(Deposit.idOf(31337, TX, 2)).isNotEqualTo(Deposit.idOf(1, TX, 2)).isNotEqualTo(Deposit.idOf(31337, TX, 3));
        assertThat(Deposit.idOf(Long.MAX_VALUE, TX, Integer.MAX_VALUE)).as("fits the column").hasSizeLessThanOrEqualTo(120);
    }

    @Test
    void theSameTransactionAndLogOnAnotherChainIsANewDeposit() {
        assertThat(deposits.addIfAbsent(deposit(Deposit.idOf(31337, TX, 0), 31337, BigInteger.ONE))).isTrue();
        assertThat(deposits.addIfAbsent(deposit(Deposit.idOf(1337, TX, 0), 1337, BigInteger.TWO)))
                .as("same hash and log index, other chain").isTrue();

        assertThat(deposits.ofAccount(alice, 0, 10)).extracting(Deposit::chainId).containsExactlyInAnyOrder(31337L, 1337L);
        assertThat(deposits.undelivered(Instant.now(), 10)).hasSize(2);
    }

    @Test
    void aLogSeenAgainOnTheSameChainIsOneDeposit() {
        assertThat(deposits.addIfAbsent(deposit(Deposit.idOf(31337, TX, 0), 31337, BigInteger.ONE))).isTrue();
        assertThat(deposits.addIfAbsent(deposit(Deposit.idOf(31337, TX, 0), 31337, BigInteger.ONE))).isFalse();

        assertThat(deposits.ofAccount(alice, 0, 10)).singleElement().extracting(Deposit::amount).isEqualTo(BigInteger.ONE);
    }

    @Test
    void aRowRecordedUnderTheOldKeyStillCountsForItsLog() {
        // recorded before V802 as <txHash>:<logIndex>: the same log read again must not be a second deposit
        assertThat(deposits.addIfAbsent(deposit(TX + ":0", 31337, BigInteger.ONE))).isTrue();
        assertThat(deposits.addIfAbsent(deposit(Deposit.idOf(31337, TX, 0), 31337, BigInteger.ONE))).isFalse();

        assertThat(deposits.ofAccount(alice, 0, 10)).singleElement().extracting(Deposit::id).isEqualTo(TX + ":0");
    }
}
