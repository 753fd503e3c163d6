package ai.perspective.identity.application;

import ai.perspective.identity.ApiCallers;
import ai.perspective.identity.AccountId;
import ai.perspective.identity.Role;
import ai.perspective.identity.domain.Account;
import ai.perspective.identity.domain.Accounts;
import ai.perspective.identity.domain.ApiKey;
import ai.perspective.identity.domain.ApiKeySecret;
import ai.perspective.identity.domain.ApiKeys;
import ai.perspective.identity.domain.EmailAddress;
import ai.perspective.shared.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks credentials and tells who they belong to: passwords for the UI, API keys for the API.
 *
 * <p>API calls are the hot path, so a verified key and its owner's roles stay in memory until the
 * key is revoked or the owner's roles change (both go through this class on this hub); "last
 * used" is written at most once a minute per key.
 */
@ApplicationScoped
public class Authenticator implements ApiCallers {

    /** Who a credential belongs to. */
    public record Caller(AccountId account, Set<Role> roles, UUID apiKey) {
    }

    private record KnownKey(UUID keyId, AccountId owner, Instant lastUseWritten) {
    }

    private static final int MAX_CACHED_KEYS = 100_000;

    @Inject
    Accounts accounts;
    @Inject
    ApiKeys apiKeys;
    @Inject
    PasswordHashing passwords;

    Clock clock = Clock.systemUTC();

    private final Map<String, KnownKey> keysByHash = new ConcurrentHashMap<>();
    private final Map<AccountId, Set<Role>> rolesByAccount = new ConcurrentHashMap<>();

    @Transactional
    public Optional<Caller> password(String email, String password) {
        if (email == null || password == null || password.isEmpty()) {
            return Optional.empty();
        }
        Optional<Account> account;
        try {
            account = accounts.byEmail(EmailAddress.parse(email));
        } catch (HubException malformedEmail) {
            account = Optional.empty();
        }
        if (account.isEmpty()) {
            passwords.verifyDecoy(password);
            return Optional.empty();
        }
        Account found = account.get();
        if (!passwords.matches(password, found.passwordHash())) {
            return Optional.empty();
        }
        rolesByAccount.put(found.id(), found.roles());
        return Optional.of(new Caller(found.id(), found.roles(), null));
    }

    /**
     * No transaction here: a known key is answered from memory, which is every API call but the
     * first of a key; the repository opens one only for the rare write of "last used".
     */
    public Optional<Caller> apiKey(String secret) {
        if (!ApiKeySecret.wellFormed(secret)) {
            return Optional.empty();
        }
        String hash = ApiKeySecret.hash(secret);
        Instant now = clock.instant();
        KnownKey known = keysByHash.get(hash);
        if (known == null) {
            Optional<ApiKey> key = apiKeys.bySecretHash(hash).filter(ApiKey::active);
            if (key.isEmpty()) {
                return Optional.empty();
            }
            if (keysByHash.size() >= MAX_CACHED_KEYS) {
                keysByHash.clear();
            }
            KnownKey loaded = new KnownKey(key.get().id(), key.get().owner(), Instant.MIN);
            KnownKey raced = keysByHash.putIfAbsent(hash, loaded);
            known = raced == null ? loaded : raced;
        }
        if (known.lastUseWritten().plus(ApiKey.LAST_USED_RESOLUTION).isBefore(now)) {
            KnownKey written = new KnownKey(known.keyId(), known.owner(), now);
            // one request per key and minute writes "last used": the other calls of a burst on the same
            // key would each update the same row, one after the other, waiting on its lock
            if (keysByHash.replace(hash, known, written)) {
                apiKeys.markUsed(known.keyId(), now);
            }
            known = written;
        }
        return Optional.of(new Caller(known.owner(), roles(known.owner()), known.keyId()));
    }

    @Override
    public Optional<ApiCallers.ApiCaller> byApiKey(String secret) {
        return apiKey(secret).map(c -> new ApiCallers.ApiCaller(c.account(), c.apiKey()));
    }

    /** The account's current roles (for a session that outlives a role change); read once, then from memory. */
    public Set<Role> roles(AccountId account) {
        return rolesByAccount.computeIfAbsent(account,
                id -> accounts.byId(id).map(Account::roles).orElse(Set.of()));
    }

    void rolesChanged(AccountId account) {
        rolesByAccount.remove(account);
    }

    void keyRevoked(UUID keyId) {
        keysByHash.values().removeIf(k -> k.keyId().equals(keyId));
    }
}
