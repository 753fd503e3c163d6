package ai.perspective.catalog.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

    static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void roundTripsWithoutTheClearTextInTheStoredForm() {
        SecretCipher cipher = new SecretCipher(key());
        String stored = cipher.encrypt("sk-very-secret", "acme/chat");

        assertThat(stored).startsWith("v1:").doesNotContain("sk-very-secret");
        assertThat(cipher.decrypt(stored, "acme/chat")).isEqualTo("sk-very-secret");
        assertThat(cipher.encrypt("sk-very-secret", "acme/chat")).as("a fresh nonce each time").isNotEqualTo(stored);
    }

    @Test
    void refusesAnotherModelsCiphertextATamperedOneOrAnotherKey() {
        SecretCipher cipher = new SecretCipher(key());
        String stored = cipher.encrypt("sk-very-secret", "acme/chat");
        byte[] bytes = Base64.getDecoder().decode(stored.substring(3));
        bytes[bytes.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(bytes);

        assertThatThrownBy(() -> cipher.decrypt(stored, "evil/chat")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt(tampered, "acme/chat")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretCipher(key()).decrypt(stored, "acme/chat"))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("sk-");
    }

    @Test
    void keyFromTheEnvironmentWinsElseOneIsGeneratedOnceAndKept(@TempDir Path dir) throws Exception {
        byte[] configured = key();
        assertThat(SecretKeys.load(Base64.getEncoder().encodeToString(configured), dir)).isEqualTo(configured);
        assertThat(dir.resolve("catalog-secret.key")).doesNotExist();

        byte[] generated = SecretKeys.load(null, dir);
        assertThat(generated).hasSize(32);
        assertThat(SecretKeys.load("", dir)).as("the same key after a restart").isEqualTo(generated);
        assertThat(Files.getPosixFilePermissions(dir.resolve("catalog-secret.key")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");

        assertThatThrownBy(() -> SecretKeys.load("c2hvcnQ=", dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 bytes");
    }
}
