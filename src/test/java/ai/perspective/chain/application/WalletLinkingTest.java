package ai.perspective.chain.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.perspective.chain.EthereumAddress;
import ai.perspective.chain.WalletLinked;
import ai.perspective.chain.Wallets;
import ai.perspective.chain.persistence.JdbcWalletRecords;
import ai.perspective.chain.support.ChainTestKit;
import ai.perspective.chain.support.RecordingEvent;
import ai.perspective.chain.web3j.Web3jSignatures;
import ai.perspective.identity.AccountId;
import ai.perspective.shared.HubException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Linking with signatures made by ethers (a real wallet library), on H2 without the server. */
class WalletLinkingTest {

    /** Anvil's second and third keys: known test keys, nothing of value. */
    static final String ALICE_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    static final String ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    static final String MALLORY_KEY = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

    DataSource db;
    JdbcWalletRecords records;
    RecordingEvent<WalletLinked> linked = new RecordingEvent<>();
    WalletService wallets;
    AccountId alice = AccountId.random();
    AccountId bob = AccountId.random();

    @BeforeEach
    void service() {
        db = ChainTestKit.database();
        records = new JdbcWalletRecords(db);
        wallets = new WalletService();
        wallets.records = records;
        wallets.signatures = new Web3jSignatures();
        wallets.walletLinked = linked;
    }

    @Test
    void aWalletSignatureLinksTheAddress() {
        Wallets.Challenge challenge = wallets.challenge(alice, ALICE);
        assertThat(challenge.message()).contains(alice.toString()).contains(ALICE.toLowerCase());

        Wallets.LinkedWallet link = wallets.link(alice, challenge.id(), ChainTestKit.ethersSign(ALICE_KEY, challenge.message()));

        EthereumAddress address = EthereumAddress.parse("address", ALICE);
        assertThat(link.address()).isEqualTo(address);
        assertThat(wallets.wallets(alice)).extracting(Wallets.LinkedWallet::address).containsExactly(address);
        assertThat(wallets.ownerOf(address)).contains(alice);
        assertThat(linked.fired).singleElement().extracting(WalletLinked::owner).isEqualTo(alice);
    }

    @Test
    void aReplayedChallengeIsRefused() {
        Wallets.Challenge challenge = wallets.challenge(alice, ALICE);
        String signature = ChainTestKit.ethersSign(ALICE_KEY, challenge.message());
        wallets.link(alice, challenge.id(), signature);
        wallets.unlink(alice, ALICE);

        assertProblem(() -> wallets.link(alice, challenge.id(), signature), "challengeId", "challenge-used");
        assertThat(wallets.wallets(alice)).isEmpty();
    }

    @Test
    void anotherWalletsSignatureChangesNothing() {
        Wallets.Challenge challenge = wallets.challenge(alice, ALICE);

        assertProblem(() -> wallets.link(alice, challenge.id(), ChainTestKit.ethersSign(MALLORY_KEY, challenge.message())),
                "signature", "wrong-signature");
        assertProblem(() -> wallets.link(alice, challenge.id(), "0x1234"), "signature", "invalid-signature");
        assertThat(wallets.wallets(alice)).isEmpty();
        assertThat(linked.fired).isEmpty();

        // the challenge was not used up by the failures: the right signature still works
        wallets.link(alice, challenge.id(), ChainTestKit.ethersSign(ALICE_KEY, challenge.message()));
        assertThat(wallets.wallets(alice)).hasSize(1);
    }

    @Test
    void badRequestsAreClearProblems() {
        assertProblem(() -> wallets.challenge(alice, "0x123"), "address", "invalid-address");
        assertProblem(() -> wallets.challenge(alice, "70997970C51812dc3A010C7d01b50e0d17dc79C8"), "address", "invalid-address");
        Wallets.Challenge challenge = wallets.challenge(alice, ALICE);
        String signature = ChainTestKit.ethersSign(ALICE_KEY, challenge.message());
        assertProblem(() -> wallets.link(bob, challenge.id(), signature), "challengeId", "unknown-challenge");
        assertProblem(() -> wallets.link(alice, "nope", signature), "challengeId", "unknown-challenge");
    }

    @Test
    void anExpiredChallengeIsRefused() {
        Wallets.Challenge challenge = wallets.challenge(alice, ALICE);
        wallets.clock = Clock.fixed(Instant.now().plus(Duration.ofMinutes(11)), ZoneOffset.UTC);
        assertProblem(() -> wallets.link(alice, challenge.id(), ChainTestKit.ethersSign(ALICE_KEY, challenge.message())),
                "challengeId", "challenge-expired");
    }

    @Test
    void anAddressBelongsToOneAccount() {
        Wallets.Challenge first = wallets.challenge(alice, ALICE);
        wallets.link(alice, first.id(), ChainTestKit.ethersSign(ALICE_KEY, first.message()));

        Wallets.Challenge second = wallets.challenge(bob, ALICE);
        assertThatThrownBy(() -> wallets.link(bob, second.id(), ChainTestKit.ethersSign(ALICE_KEY, second.message())))
                .isInstanceOfSatisfying(HubException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HubException.Kind.CONFLICT);
                    assertThat(e.type()).isEqualTo("wallet-linked-elsewhere");
                });
        assertThat(wallets.ownerOf(EthereumAddress.parse("address", ALICE))).contains(alice);
    }

    static void assertProblem(ThrowingCallable call, String field, String type) {
        assertThatThrownBy(call).isInstanceOfSatisfying(HubException.class, e -> {
            assertThat(e.kind()).isEqualTo(HubException.Kind.INVALID_INPUT);
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.type()).isEqualTo(type);
        });
    }
}
