package ai.perspective.catalog.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Logger;

/**
 * The key that encrypts upstream secrets at rest. {@code PERSPECTIVE_SECRET_KEY} (base64 of 32
 * bytes) wins; without it the hub generates a key once and keeps it in
 * {@code <jboss.server.data.dir>/perspective/catalog-secret.key} (owner-only), so a single-box hub
 * works out of the box and its secrets survive restarts. Losing that file loses the secrets:
 * production sets the variable and keeps it apart from database backups.
 */
@ApplicationScoped
public class SecretKeys {

    static final String ENV = "PERSPECTIVE_SECRET_KEY";
    private static final Logger LOG = Logger.getLogger(SecretKeys.class.getName());

    private volatile SecretCipher cipher;

    public SecretCipher cipher() {
        SecretCipher current = cipher;
        if (current == null) {
            synchronized (this) {
                if (cipher == null) {
                    cipher = new SecretCipher(load(System.getenv(ENV), dataDir()));
                }
                current = cipher;
            }
        }
        return current;
    }

    private static Path dataDir() {
        String dir = System.getProperty("jboss.server.data.dir");
        return dir == null ? null : Path.of(dir, "perspective");
    }

    static byte[] load(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return decode(configured.strip(), ENV);
        }
        if (dataDir == null) {
            throw new IllegalStateException("Set " + ENV + " (base64 of 32 random bytes): there is no server data directory to keep a key in");
        }
        Path file = dataDir.resolve("catalog-secret.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                try {
                    Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                    ownerOnly(file);
                    LOG.warning(ENV + " is not set: generated a key for upstream secrets in " + file
                            + "; back it up, or set " + ENV + " in production.");
                    return key;
                } catch (FileAlreadyExistsException raced) {
                    // another thread or node created it first: use theirs
                }
            }
            return decode(Files.readString(file).strip(), file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the secret key file " + file, e);
        }
    }

    private static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            LOG.warning("Cannot restrict the permissions of " + file + ": " + e.getMessage());
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64", e);
        }
        if (key.length != 32) {
            throw new IllegalStateException(source + " must be the base64 of exactly 32 bytes, not " + key.length);
        }
        return key;
    }
}
