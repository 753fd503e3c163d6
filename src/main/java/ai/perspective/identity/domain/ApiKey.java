package ai.perspective.identity.domain;

import ai.perspective.identity.AccountId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A secret an account uses on the API. Only its hash is stored; revoking is final. */
@Entity
@Table(name = "identity_api_key")
public class ApiKey {

    /** How stale "last used" may get: writing it on every call would put a write on the hot path. */
    public static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    @Id
    private UUID id;

    @Column(name = "account_id", nullable = false)
    private UUID accountId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String prefix;

    @Column(name = "secret_hash", nullable = false, unique = true)
    private String secretHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiKey() {
    }

    public ApiKey(UUID id, AccountId owner, String name, ApiKeySecret secret, Instant createdAt) {
        this.id = id;
        this.accountId = owner.value();
        this.name = name;
        this.prefix = secret.prefix();
        this.secretHash = secret.hash();
        this.createdAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public AccountId owner() {
        return new AccountId(accountId);
    }

    public String name() {
        return name;
    }

    public String prefix() {
        return prefix;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public boolean active() {
        return revokedAt == null;
    }

    public void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

    /** Whether a use at {@code now} should be written, given {@link #LAST_USED_RESOLUTION}. */
    public boolean lastUsedIsStale(Instant now) {
        return lastUsedAt == null || lastUsedAt.plus(LAST_USED_RESOLUTION).isBefore(now);
    }
}
