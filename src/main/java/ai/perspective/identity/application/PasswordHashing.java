package ai.perspective.identity.application;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;

/**
 * Password hashes with the platform's PBKDF2 (Jakarta Security's {@link Pbkdf2PasswordHash}):
 * HMAC-SHA512, 210,000 iterations, 32-byte salt (OWASP's 2023 figure for this algorithm). The
 * parameters are stored in each hash, so raising them later keeps old hashes verifiable.
 */
@ApplicationScoped
public class PasswordHashing {

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    /** Verified against when the email is unknown, so both cases cost the same time. */
    private String decoy;

    @PostConstruct
    void configure() {
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
                "Pbkdf2PasswordHash.Iterations", "210000",
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "64"));
    }

    public String hash(String password) {
        return pbkdf2.generate(password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        return pbkdf2.verify(password.toCharArray(), hash);
    }

    /** Spends the time of one verification, for an unknown login name. */
    public void verifyDecoy(String password) {
        if (decoy == null) {
            decoy = hash("decoy-password-never-matches");
        }
        pbkdf2.verify(password.toCharArray(), decoy);
    }
}
