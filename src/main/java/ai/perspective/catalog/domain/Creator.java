package ai.perspective.catalog.domain;

import ai.perspective.identity.AccountId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An account that has created a model, under its public handle. The handle is part of every model
 * id the creator owns, so it never changes once chosen.
 */
@Entity
@Table(name = "catalog_creator")
public class Creator {

    @Id
    @Column(name = "account_id")
    private UUID accountId;

    @Column(nullable = false, unique = true)
    private String handle;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Creator() {
    }

    public Creator(AccountId account, String handle, String displayName, Instant createdAt) {
        this.accountId = account.value();
        this.handle = handle;
        this.displayName = displayName;
        this.createdAt = createdAt;
    }

    public AccountId account() {
        return new AccountId(accountId);
    }

    public String handle() {
        return handle;
    }

    public String displayName() {
        return displayName;
    }
}
