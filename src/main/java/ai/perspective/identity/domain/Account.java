package ai.perspective.identity.domain;

import ai.perspective.identity.AccountId;
import ai.perspective.identity.Role;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** A person or organisation on the hub: one login, one set of roles. */
@Entity
@Table(name = "identity_account")
public class Account {

    @Id
    private UUID id;

    @Column(nullable = false, unique = true)
    private String email;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @ElementCollection
    @CollectionTable(name = "identity_account_role", joinColumns = @JoinColumn(name = "account_id"))
    @Column(name = "role", nullable = false)
    @Enumerated(EnumType.STRING)
    private Set<Role> roles = new HashSet<>();

    @Version
    private long version;

    protected Account() {
    }

    public Account(AccountId id, EmailAddress email, DisplayName displayName, String passwordHash, Instant createdAt) {
        this.id = id.value();
        this.email = email.value();
        this.displayName = displayName.value();
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
        this.roles.add(Role.USER);
    }

    public AccountId id() {
        return new AccountId(id);
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return displayName;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Set<Role> roles() {
        return roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    public void grant(Role role) {
        roles.add(role);
    }

    /** USER is what every account is; it cannot be taken away. */
    public void revoke(Role role) {
        if (role == Role.USER) {
            throw new IllegalArgumentException("USER cannot be revoked");
        }
        roles.remove(role);
    }
}
