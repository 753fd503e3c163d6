package ai.perspective.identity.security;

import jakarta.security.enterprise.credential.Credential;

/** The secret from an {@code Authorization: Bearer} header. */
public record ApiKeyCredential(String secret) implements Credential {

    @Override
    public String toString() {
        return "ApiKeyCredential[redacted]";
    }
}
