package ai.perspective.identity.domain;

import ai.perspective.identity.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** All API keys of the hub. */
public interface ApiKeys {

    void add(ApiKey key);

    Optional<ApiKey> byId(UUID id);

    Optional<ApiKey> bySecretHash(String secretHash);

    /** Newest first. */
    List<ApiKey> ofAccount(AccountId owner);

    /** Records a use without loading the key into the persistence context. */
    void markUsed(UUID id, Instant at);
}
