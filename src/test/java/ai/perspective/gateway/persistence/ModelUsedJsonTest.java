package ai.perspective.gateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import ai.perspective.gateway.ModelUsed;
import ai.perspective.identity.AccountId;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ModelUsedJsonTest {

    @Test
    void outboxPayloadRoundTrips() {
        ModelUsed event = new ModelUsed(UUID.randomUUID(), AccountId.random(), UUID.randomUUID(), "acme/echo",
                AccountId.random(), 11, 7, true, new java.math.BigInteger("123456789012345678901234567890"), 42, ModelUsed.Outcome.CLIENT_DISCONNECTED,
                Instant.parse("2026-11-25T10:00:00.123456Z"));
        assertThat(ModelUsedJson.read(ModelUsedJson.write(event))).isEqualTo(event);
    }

    @Test
    void apiKeyIsOptional() {
        ModelUsed event = new ModelUsed(UUID.randomUUID(), AccountId.random(), null, "acme/echo", AccountId.random(),
                1, 2, false, java.math.BigInteger.ZERO, 3, ModelUsed.Outcome.SUCCEEDED, Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(ModelUsedJson.read(ModelUsedJson.write(event))).isEqualTo(event);
    }
}
