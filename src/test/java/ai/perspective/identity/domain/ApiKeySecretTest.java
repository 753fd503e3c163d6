package ai.perspective.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeySecretTest {

    @Test
    void generatedKeysAreWellFormedAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ApiKeySecret secret = ApiKeySecret.generate();
            assertThat(ApiKeySecret.wellFormed(secret.value())).isTrue();
            assertThat(secret.value()).startsWith("pk-");
            assertThat(seen.add(secret.value())).isTrue();
        }
    }

    @Test
    void prefixIsTheFirstTwelveCharactersAndNeverTheSecret() {
        ApiKeySecret secret = ApiKeySecret.generate();
        assertThat(secret.prefix()).hasSize(12).isEqualTo(secret.value().substring(0, 12));
        assertThat(secret.toString()).doesNotContain(secret.value().substring(12));
    }

    @Test
    void hashIsSha256Hex() {
        // SHA-256("abc"), FIPS 180-2 test vector
        assertThat(ApiKeySecret.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void malformedValuesAreRejectedBeforeAnyLookup() {
        String good = ApiKeySecret.generate().value();
        assertThat(ApiKeySecret.wellFormed(null)).isFalse();
        assertThat(ApiKeySecret.wellFormed("")).isFalse();
        assertThat(ApiKeySecret.wellFormed("sk-" + good.substring(3))).isFalse();
        assertThat(ApiKeySecret.wellFormed(good + "x")).isFalse();
        assertThat(ApiKeySecret.wellFormed(good.substring(0, good.length() - 1) + "!")).isFalse();
    }
}
