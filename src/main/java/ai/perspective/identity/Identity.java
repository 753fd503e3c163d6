package ai.perspective.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The identity module's API: accounts, roles and API keys.
 *
 * <p>Failures the caller can fix (bad email, weak password, duplicate email, unknown key, missing
 * role) are {@link ai.perspective.shared.HubException}s and leave nothing half-written.
 */
public interface Identity {

    /** Creates an account with role USER; the first account on an empty hub is also ADMIN. */
    AccountSummary signUp(SignUp request);

    Optional<AccountSummary> account(AccountId id);

    /** Accounts by sign-up time, newest first. Admins only. */
    List<AccountSummary> accounts(int offset, int limit);

    /** Adds a role to an account. Admins only. */
    AccountSummary grantRole(AccountId account, Role role);

    /** Removes a role (never USER, never an admin's own ADMIN). Admins only. */
    AccountSummary revokeRole(AccountId account, Role role);

    /** Creates an API key for the caller; the returned secret is never shown again. */
    CreatedApiKey createApiKey(AccountId owner, String name);

    /** The owner's keys, newest first, revoked ones included. */
    List<ApiKeySummary> apiKeys(AccountId owner);

    /** Revokes one of the owner's keys; requests with it fail from then on. */
    ApiKeySummary revokeApiKey(AccountId owner, UUID keyId);

    record SignUp(String email, String displayName, String password) {
    }

    record AccountSummary(AccountId id, String email, String displayName, Set<Role> roles, Instant createdAt) {

        public boolean has(Role role) {
            return roles.contains(role);
        }
    }

    /** An API key as the owner sees it after creation: never the secret. */
    record ApiKeySummary(UUID id, String name, String prefix, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

        public boolean active() {
            return revokedAt == null;
        }
    }

    /** The key and its secret, returned once. */
    record CreatedApiKey(ApiKeySummary key, String secret) {
    }
}
