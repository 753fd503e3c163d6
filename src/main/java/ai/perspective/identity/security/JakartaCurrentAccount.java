package ai.perspective.identity.security;

import ai.perspective.identity.AccountId;
import ai.perspective.identity.CurrentAccount;
import ai.perspective.identity.Role;
import ai.perspective.shared.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Optional;
import java.util.UUID;

/**
 * The caller as Jakarta Security sees it. The principal's name is the account id for every way
 * the hub authenticates today; a new mechanism (e.g. OIDC) maps its principal to an account id in
 * its own identity store, and nothing here or in callers changes.
 */
@ApplicationScoped
public class JakartaCurrentAccount implements CurrentAccount {

    @Inject
    SecurityContext security;
    @Inject
    HttpServletRequest request;

    /**
     * The request's principal, not {@link SecurityContext#getCallerPrincipal()}: for an anonymous
     * request the server's security context names an "anonymous" principal, which is no account.
     */
    @Override
    public Optional<AccountId> id() {
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AccountId(UUID.fromString(principal.getName())));
        } catch (IllegalArgumentException notAnAccount) {
            return Optional.empty();
        }
    }

    @Override
    public AccountId require() {
        return id().orElseThrow(() -> HubException.unauthenticated("unauthenticated",
                "Log in, or authenticate with an API key: 'Authorization: Bearer <key>'."));
    }

    @Override
    public boolean hasRole(Role role) {
        return id().isPresent() && security.isCallerInRole(role.name());
    }

    @Override
    public Optional<UUID> apiKey() {
        return request.getAttribute(HubAuthenticationMechanism.API_KEY_ID) instanceof String key
                ? Optional.of(UUID.fromString(key))
                : Optional.empty();
    }
}
