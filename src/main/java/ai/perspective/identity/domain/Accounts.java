package ai.perspective.identity.domain;

import ai.perspective.identity.AccountId;
import java.util.List;
import java.util.Optional;

/** All accounts of the hub. */
public interface Accounts {

    Optional<Account> byId(AccountId id);

    Optional<Account> byEmail(EmailAddress email);

    boolean emailTaken(EmailAddress email);

    /** Stores a new account at once, so a taken email fails here, not at commit. */
    void add(Account account);

    /** Newest first, roles loaded in the same query. */
    List<Account> page(int offset, int limit);

    /** Atomically claims "first administrator": true for exactly one caller over the hub's life. */
    boolean claimFirstAdmin();
}
