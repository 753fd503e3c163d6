package ai.perspective.vault.domain;

import ai.perspective.identity.AccountId;
import ai.perspective.vault.Contribution;
import java.util.List;
import java.util.Optional;

/** Every contribution, unique by owner, kind and reference. */
public interface Contributions {

    /** Inserts unless one exists for the same owner, kind and reference; false then. */
    boolean addIfAbsent(Contribution contribution);

    Optional<Contribution> find(AccountId owner, String kind, String reference);

    List<Contribution> ofKind(String kind);
}
