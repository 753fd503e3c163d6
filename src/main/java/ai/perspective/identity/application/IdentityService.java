package ai.perspective.identity.application;

import ai.perspective.identity.AccountCreated;
import ai.perspective.identity.AccountId;
import ai.perspective.identity.CurrentAccount;
import ai.perspective.identity.Identity;
import ai.perspective.identity.Role;
import ai.perspective.identity.domain.Account;
import ai.perspective.identity.domain.Accounts;
import ai.perspective.identity.domain.ApiKey;
import ai.perspective.identity.domain.ApiKeySecret;
import ai.perspective.identity.domain.ApiKeys;
import ai.perspective.identity.domain.DisplayName;
import ai.perspective.identity.domain.EmailAddress;
import ai.perspective.identity.domain.PasswordPolicy;
import ai.perspective.shared.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class IdentityService implements Identity {

    static final int MAX_KEY_NAME = 80;
    static final int MAX_ACTIVE_KEYS = 50;
    static final int MAX_PAGE = 200;

    @Inject
    Accounts accounts;
    @Inject
    ApiKeys apiKeys;
    @Inject
    PasswordHashing passwords;
    @Inject
    Authenticator authenticator;
    @Inject
    CurrentAccount caller;
    @Inject
    Event<AccountCreated> accountCreated;

    Clock clock = Clock.systemUTC();

    @Override
    public Identity.AccountSummary signUp(SignUp request) {
        if (request == null) {
            throw HubException.invalid(null, "missing-body", "Send email, displayName and password.");
        }
        EmailAddress email = EmailAddress.parse(request.email());
        DisplayName displayName = DisplayName.parse(request.displayName());
        PasswordPolicy.check(request.password(), email);
        if (accounts.emailTaken(email)) {
            throw duplicateEmail();
        }
        Account account = new Account(AccountId.random(), email, displayName, passwords.hash(request.password()),
                clock.instant());
        if (accounts.claimFirstAdmin()) {
            account.grant(Role.ADMIN);
        }
        try {
            accounts.add(account);
        } catch (PersistenceException e) {
            // a concurrent sign-up with the same email won the unique constraint
            throw duplicateEmail();
        }
        accountCreated.fire(new AccountCreated(account.id(), account.email(), account.displayName(), account.createdAt()));
        return view(account);
    }

    @Override
    public Optional<Identity.AccountSummary> account(AccountId id) {
        return accounts.byId(id).map(IdentityService::view);
    }

    @Override
    public List<Identity.AccountSummary> accounts(int offset, int limit) {
        requireAdmin();
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw HubException.invalid("limit", "invalid-page", "Use offset >= 0 and 1 <= limit <= " + MAX_PAGE + ".");
        }
        return accounts.page(offset, limit).stream().map(IdentityService::view).toList();
    }

    @Override
    public Identity.AccountSummary grantRole(AccountId id, Role role) {
        requireAdmin();
        Account account = existing(id);
        account.grant(requireRole(role));
        authenticator.rolesChanged(id);
        return view(account);
    }

    @Override
    public Identity.AccountSummary revokeRole(AccountId id, Role role) {
        requireAdmin();
        Account account = existing(id);
        if (requireRole(role) == Role.USER) {
            throw HubException.invalid("role", "role-not-revocable", "Every account keeps the role USER.");
        }
        if (role == Role.ADMIN && id.equals(caller.require())) {
            throw HubException.invalid("role", "role-not-revocable",
                    "You cannot remove your own ADMIN role; ask another administrator.");
        }
        account.revoke(role);
        authenticator.rolesChanged(id);
        return view(account);
    }

    @Override
    public CreatedApiKey createApiKey(AccountId owner, String name) {
        existing(owner);
        String keyName = name == null ? "" : name.strip();
        if (keyName.isEmpty()) {
            throw HubException.invalid("name", "missing-field", "Give the key a name, e.g. where you use it.");
        }
        if (keyName.length() > MAX_KEY_NAME) {
            throw HubException.invalid("name", "invalid-key-name", "A key name has at most " + MAX_KEY_NAME + " characters.");
        }
        List<ApiKey> existing = apiKeys.ofAccount(owner);
        if (existing.stream().filter(ApiKey::active).count() >= MAX_ACTIVE_KEYS) {
            throw HubException.invalid("name", "too-many-keys",
                    "You have " + MAX_ACTIVE_KEYS + " active keys; revoke one you no longer use first.");
        }
        ApiKeySecret secret = ApiKeySecret.generate();
        ApiKey key = new ApiKey(UUID.randomUUID(), owner, keyName, secret, clock.instant());
        apiKeys.add(key);
        return new CreatedApiKey(view(key), secret.value());
    }

    @Override
    public List<Identity.ApiKeySummary> apiKeys(AccountId owner) {
        return apiKeys.ofAccount(owner).stream().map(IdentityService::view).toList();
    }

    @Override
    public Identity.ApiKeySummary revokeApiKey(AccountId owner, UUID keyId) {
        ApiKey key = apiKeys.byId(keyId)
                .filter(k -> k.owner().equals(owner))
                .orElseThrow(() -> HubException.notFound("api-key-not-found", "You have no API key with id " + keyId + "."));
        key.revoke(clock.instant());
        authenticator.keyRevoked(key.id());
        return view(key);
    }

    private Account existing(AccountId id) {
        return accounts.byId(id)
                .orElseThrow(() -> HubException.notFound("account-not-found", "There is no account " + id + "."));
    }

    private void requireAdmin() {
        caller.require();
        if (!caller.hasRole(Role.ADMIN)) {
            throw HubException.forbidden("Only administrators can do this.");
        }
    }

    private static Role requireRole(Role role) {
        if (role == null) {
            throw HubException.invalid("role", "missing-field", "Name a role: USER, CREATOR, OPERATOR or ADMIN.");
        }
        return role;
    }

    private static HubException duplicateEmail() {
        return HubException.invalid("email", "duplicate-email",
                "An account with this email already exists; log in instead.");
    }

    static Identity.AccountSummary view(Account a) {
        return new Identity.AccountSummary(a.id(), a.email(), a.displayName(), a.roles(), a.createdAt());
    }

    static Identity.ApiKeySummary view(ApiKey k) {
        return new Identity.ApiKeySummary(k.id(), k.name(), k.prefix(), k.createdAt(), k.lastUsedAt(), k.revokedAt());
    }
}
