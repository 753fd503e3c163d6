package ai.perspective.catalog.persistence;

import ai.perspective.catalog.domain.Creator;
import ai.perspective.catalog.domain.Creators;
import ai.perspective.identity.AccountId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaCreators implements Creators {

    private static final int IN_CHUNK = 1_000;

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Override
    public Optional<Creator> byAccount(AccountId account) {
        return Optional.ofNullable(em.find(Creator.class, account.value()));
    }

    @Override
    public List<Creator> byAccounts(Collection<AccountId> accounts) {
        List<UUID> ids = accounts.stream().map(AccountId::value).distinct().toList();
        List<Creator> found = new ArrayList<>();
        // chunks keep the statement within the database's bind parameter limit (GET /v1/models names every creator)
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            found.addAll(em.createQuery("select c from Creator c where c.accountId in :ids", Creator.class)
                    .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + IN_CHUNK)))
                    .getResultList());
        }
        return found;
    }

    @Override
    public List<String> handlesLike(String base) {
        // slugs hold only [a-z0-9-], so the base needs no LIKE escaping
        return em.createQuery("select c.handle from Creator c where c.handle = :base or c.handle like :prefix", String.class)
                .setParameter("base", base)
                .setParameter("prefix", base + "-%")
                .getResultList();
    }

    @Override
    public void add(Creator creator) {
        em.persist(creator);
        em.flush();
    }
}
