package ai.perspective.catalog.persistence;

import ai.perspective.catalog.domain.Creator;
import ai.perspective.catalog.domain.Creators;
import ai.perspective.identity.AccountId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaCreators implements Creators {

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Override
    public Optional<Creator> byAccount(AccountId account) {
        return Optional.ofNullable(em.find(Creator.class, account.value()));
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
