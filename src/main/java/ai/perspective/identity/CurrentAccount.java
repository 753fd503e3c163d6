package ai.perspective.identity;

import java.util.Optional;
import java.util.UUID;

/**
 * Who is calling, for the current request: the signed-in user of the UI or the owner of the API
 * key. Callers depend on this, not on how the caller authenticated (password, API key, or later
 * OIDC), so a new way to sign in changes no caller.
 */
public interface CurrentAccount {

    Optional<AccountId> id();

    /** The caller's account id, or an "unauthenticated" failure. */
    AccountId require();

    boolean hasRole(Role role);

    /** The API key this request authenticated with; empty for a UI session or an anonymous caller. */
    Optional<UUID> apiKey();
}
