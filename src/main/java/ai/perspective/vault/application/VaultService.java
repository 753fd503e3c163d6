package ai.perspective.vault.application;

import ai.perspective.identity.AccountId;
import ai.perspective.shared.HubException;
import ai.perspective.vault.Contribution;
import ai.perspective.vault.Vault;
import ai.perspective.vault.domain.Contributions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Stores contributions; the same contribution twice is one, different content for one reference a conflict. */
@ApplicationScoped
@Transactional
public class VaultService implements Vault {

    static final int MAX_CONTENT = 20_000;
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    @Inject
    Contributions contributions;

    Clock clock = Clock.systemUTC();

    @Override
    public Contributed contribute(AccountId owner, String kind, String reference, String content) {
        if (owner == null) {
            throw new HubException(HubException.Kind.UNAUTHENTICATED, "not-signed-in", null, "Sign in to contribute data.");
        }
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("a contribution kind is a lower-case slug: " + kind);
        }
        if (reference == null || reference.isBlank() || reference.length() > 200) {
            throw HubException.invalid("reference", "invalid-reference", "A contribution names what it is about in 1 to 200 characters.");
        }
        if (content == null || content.length() > MAX_CONTENT) {
            throw HubException.invalid("content", "contribution-too-large",
                    "A contribution has at most " + MAX_CONTENT + " characters.");
        }
        Contribution contribution = new Contribution(UUID.randomUUID(), owner, kind, reference, content, clock.instant());
        if (contributions.addIfAbsent(contribution)) {
            return new Contributed(contribution, true);
        }
        Contribution existing = contributions.find(owner, kind, reference).orElseThrow(() -> new HubException(
                HubException.Kind.CONFLICT, "contribution-in-progress", null, "The same contribution is being stored right now; retry."));
        if (existing.content().equals(content)) {
            return new Contributed(existing, false);
        }
        throw HubException.conflict(null, "contribution-exists", "You already contributed a different " + kind
                + " for " + reference + "; a contribution cannot be changed.");
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Contribution> find(AccountId owner, String kind, String reference) {
        return contributions.find(owner, kind, reference);
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Contribution> all(String kind) {
        return contributions.ofKind(kind);
    }
}
