package ai.perspective.catalog.domain;

import ai.perspective.identity.AccountId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Every account that has created a model, by account and by handle. */
public interface Creators {

    Optional<Creator> byAccount(AccountId account);

    /** The creators among these accounts, in one round trip (a page of search hits names many). */
    List<Creator> byAccounts(Collection<AccountId> accounts);

    /** Handles equal to {@code base} or of the form {@code base-<anything>}: the candidates a new handle must avoid. */
    List<String> handlesLike(String base);

    /** Stores at once, so a handle taken concurrently fails here, not at commit. */
    void add(Creator creator);
}
