package ai.perspective.identity.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An API key's secret: {@code pk-} followed by 32 random bytes (base64url). Its first 12
 * characters are its displayable prefix. 256 random bits need no slow KDF: SHA-256 of the secret
 * is stored and looked up directly, so checking a key costs one indexed read.
 */
public record ApiKeySecret(String value) {

    public static final String SCHEME = "pk-";
    private static final int PREFIX_LENGTH = 12;
    private static final int RANDOM_BYTES = 32;
    private static final int ENCODED_LENGTH = SCHEME.length() + 43;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static ApiKeySecret generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return new ApiKeySecret(SCHEME + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Whether a presented value has the shape of a key at all (cheap check before any lookup). */
    public static boolean wellFormed(String presented) {
        if (presented == null || presented.length() != ENCODED_LENGTH || !presented.startsWith(SCHEME)) {
            return false;
        }
        for (int i = SCHEME.length(); i < presented.length(); i++) {
            char c = presented.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!base64url) {
                return false;
            }
        }
        return true;
    }

    public String prefix() {
        return value.substring(0, PREFIX_LENGTH);
    }

    public String hash() {
        return hash(value);
    }

    public static String hash(String secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return prefix() + "…";
    }
}
