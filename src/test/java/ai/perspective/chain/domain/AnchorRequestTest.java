package ai.perspective.chain.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.perspective.chain.AnchorKind;
import ai.perspective.chain.Anchors.State;
import ai.perspective.chain.Bytes32;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AnchorRequestTest {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    static final Bytes32 ROOT = Bytes32.fromHex("ab".repeat(32));

    static AnchorRequest pending() {
        return new AnchorRequest(UUID.randomUUID(), AnchorKind.LEDGER_BATCH, "batch-1", ROOT, T0);
    }

    @Test
    void pendingIsSubmittedThenMinedThenConfirmed() {
        AnchorRequest r = pending();
        assertThat(r.state()).isEqualTo(State.PENDING);
        assertThat(r.nextAttemptAt()).isEqualTo(T0);

        r.submitted("0xaa", BigInteger.valueOf(7), BigInteger.TEN, "0xraw", T0.plusSeconds(1));
        assertThat(r.state()).isEqualTo(State.SUBMITTED);
        assertThat(r.nonce()).isEqualTo(7);
        assertThat(r.signedTransaction()).isEqualTo("0xraw");

        r.mined("0xaa", 100);
        assertThat(r.state()).isEqualTo(State.SUBMITTED);
        assertThat(r.blockNumber()).isEqualTo(100L);

        r.confirmed("0xaa", 100, T0.plusSeconds(30));
        assertThat(r.state()).isEqualTo(State.CONFIRMED);
        assertThat(r.confirmedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(r.signedTransaction()).as("nothing left to resend").isNull();
        assertThat(r.nextAttemptAt()).as("never due again").isNull();
    }

    @Test
    void aReplacementKeepsTheNonce() {
        AnchorRequest r = pending();
        r.submitted("0xaa", BigInteger.valueOf(7), BigInteger.TEN, "0xraw", T0);
        r.submitted("0xbb", BigInteger.valueOf(7), BigInteger.valueOf(13), "0xraw2", T0.plusSeconds(60));
        assertThat(r.transactionHash()).isEqualTo("0xbb");
        assertThatThrownBy(() -> r.submitted("0xcc", BigInteger.valueOf(8), BigInteger.TEN, "0xraw3", T0))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void releasedGoesBackToPendingWithoutItsTransaction() {
        AnchorRequest r = pending();
        r.submitted("0xaa", BigInteger.valueOf(7), BigInteger.TEN, "0xraw", T0);
        r.released("nonce used", T0.plusSeconds(5));
        assertThat(r.state()).isEqualTo(State.PENDING);
        assertThat(r.nonce()).isNull();
        assertThat(r.transactionHash()).isNull();
        assertThat(r.lastError()).isEqualTo("nonce used");
    }

    @Test
    void onlyASubmittedRequestIsMinedOrReleased() {
        AnchorRequest r = pending();
        assertThatThrownBy(() -> r.mined("0xaa", 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> r.released("x", T0)).isInstanceOf(IllegalStateException.class);
        r.confirmed("0xaa", 1, T0);
        assertThatThrownBy(() -> r.submitted("0xaa", BigInteger.ONE, BigInteger.ONE, "0x", T0))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void failuresBackOffExponentiallyUpToFiveMinutes() {
        AnchorRequest r = pending();
        r.failed("down", T0);
        assertThat(r.nextAttemptAt()).isEqualTo(T0.plusSeconds(1));
        r.failed("down", T0);
        assertThat(r.nextAttemptAt()).isEqualTo(T0.plusSeconds(2));
        r.failed("down", T0);
        assertThat(r.nextAttemptAt()).isEqualTo(T0.plusSeconds(4));
        for (int i = 0; i < 30; i++) {
            r.failed("down", T0);
        }
        assertThat(r.nextAttemptAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(r.attempts()).isEqualTo(33);
        assertThat(r.state()).as("failures never drop a request").isEqualTo(State.PENDING);
    }
}
