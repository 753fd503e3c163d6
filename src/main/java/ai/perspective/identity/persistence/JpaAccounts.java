package ai.perspective.identity.persistence;

import ai.perspective.identity.AccountId;
import ai.perspective.identity.domain.Account;
import ai.perspective.identity.domain.Accounts;
import ai.perspective.identity.domain.EmailAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaAccounts implements Accounts {

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Override
    public Optional<Account> byId(AccountId id) {
        return em.createQuery("select a from Account a left join fetch a.roles where a.id = :id", Account.class)
                .setParameter("id", id.value())
                .getResultStream()
                .findFirst();
    }

    @Override
    public Optional<Account> byEmail(EmailAddress email) {
        return em.createQuery("select a from Account a left join fetch a.roles where a.email = :email", Account.class)
                .setParameter("email", email.value())
                .getResultStream()
                .findFirst();
    }

    @Override
    public boolean emailTaken(EmailAddress email) {
        return !em.createQuery("select 1 from Account a where a.email = :email", Integer.class)
                .setParameter("email", email.value())
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    @Override
    public void add(Account account) {
        em.persist(account);
        em.flush();
    }

    @Override
    public List<Account> page(int offset, int limit) {
        // ids first, then one fetch join: paging a collection fetch in SQL would be wrong
        List<java.util.UUID> ids = em.createQuery(
                        "select a.id from Account a order by a.createdAt desc, a.id", java.util.UUID.class)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select distinct a from Account a left join fetch a.roles where a.id in :ids"
                        + " order by a.createdAt desc, a.id", Account.class)
                .setParameter("ids", ids)
                .getResultList();
    }

    @Override
    public boolean claimFirstAdmin() {
        return em.createNativeQuery("update identity_hub set admin_claimed = true where id = 1 and admin_claimed = false")
                .executeUpdate() == 1;
    }
}
