package ai.perspective.identity.persistence;

import ai.perspective.identity.AccountId;
import ai.perspective.identity.domain.ApiKey;
import ai.perspective.identity.domain.ApiKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaApiKeys implements ApiKeys {

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Override
    public void add(ApiKey key) {
        em.persist(key);
    }

    @Override
    public Optional<ApiKey> byId(UUID id) {
        return Optional.ofNullable(em.find(ApiKey.class, id));
    }

    @Override
    public Optional<ApiKey> bySecretHash(String secretHash) {
        return em.createQuery("select k from ApiKey k where k.secretHash = :hash", ApiKey.class)
                .setParameter("hash", secretHash)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<ApiKey> ofAccount(AccountId owner) {
        return em.createQuery("select k from ApiKey k where k.accountId = :owner order by k.createdAt desc, k.id",
                        ApiKey.class)
                .setParameter("owner", owner.value())
                .getResultList();
    }

    /** Its own transaction when the caller has none: authentication runs outside any. */
    @Override
    @Transactional
    public void markUsed(UUID id, Instant at) {
        em.createQuery("update ApiKey k set k.lastUsedAt = :at where k.id = :id")
                .setParameter("at", at)
                .setParameter("id", id)
                .executeUpdate();
    }
}
