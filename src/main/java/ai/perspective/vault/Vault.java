package ai.perspective.vault;

import ai.perspective.identity.AccountId;
import java.util.List;
import java.util.Optional;

/**
 * The vault module's API: data users contribute and keep owning. Other modules hand in what a
 * user gave (e.g. a rating of a routed answer); later modules pay owners when it is used.
 *
 * <p>A contribution is identified by its owner, kind and reference (e.g. the rated response id):
 * contributing the same content again returns the stored contribution, other content for the
 * same reference is a conflict ({@link ai.perspective.shared.HubException}, 409).
 */
public interface Vault {

    /** Kinds the hub collects; a kind is a lower-case slug. */
    String ROUTING_FEEDBACK = "routing-feedback";

    /** Stores the contribution in the caller's transaction (or a new one). */
    Contributed contribute(AccountId owner, String kind, String reference, String content);

    Optional<Contribution> find(AccountId owner, String kind, String reference);

    /** Every contribution of a kind, oldest first (e.g. to replay feedback into the router). */
    List<Contribution> all(String kind);

    /** What {@link #contribute} did: {@code created} is false when the same contribution existed. */
    record Contributed(Contribution contribution, boolean created) {
    }
}
