package ai.perspective.vault.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.perspective.identity.AccountId;
import ai.perspective.shared.HubException;
import ai.perspective.vault.Contribution;
import ai.perspective.vault.Vault;
import ai.perspective.vault.domain.Contributions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VaultServiceTest {

    /** In memory, unique by owner, kind and reference like the table. */
    static final class MemoryContributions implements Contributions {
        final List<Contribution> rows = new ArrayList<>();

        @Override
        public boolean addIfAbsent(Contribution c) {
            if (find(c.owner(), c.kind(), c.reference()).isPresent()) {
                return false;
            }
            return rows.add(c);
        }

        @Override
        public Optional<Contribution> find(AccountId owner, String kind, String reference) {
            return rows.stream().filter(r -> r.owner().equals(owner) && r.kind().equals(kind) && r.reference().equals(reference))
                    .findFirst();
        }

        @Override
        public List<Contribution> ofKind(String kind) {
            return rows.stream().filter(r -> r.kind().equals(kind)).toList();
        }
    }

    private final VaultService vault = new VaultService();
    private final MemoryContributions rows = new MemoryContributions();
    private final AccountId alice = new AccountId(UUID.randomUUID());
    private final AccountId bob = new AccountId(UUID.randomUUID());

    VaultServiceTest() {
        vault.contributions = rows;
    }

    @Test
    void theSameContributionTwiceIsOneAndOwnedByItsContributor() {
        Vault.Contributed first = vault.contribute(alice, Vault.ROUTING_FEEDBACK, "r1", "{\"helpful\":true}");
        Vault.Contributed again = vault.contribute(alice, Vault.ROUTING_FEEDBACK, "r1", "{\"helpful\":true}");

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.contribution().id()).isEqualTo(first.contribution().id());
        assertThat(vault.all(Vault.ROUTING_FEEDBACK)).singleElement().extracting(Contribution::owner).isEqualTo(alice);
    }

    @Test
    void otherContentForTheSameReferenceIsAConflictButAnotherOwnerMayContribute() {
        vault.contribute(alice, Vault.ROUTING_FEEDBACK, "r1", "{\"helpful\":true}");

        assertThatThrownBy(() -> vault.contribute(alice, Vault.ROUTING_FEEDBACK, "r1", "{\"helpful\":false}"))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.kind()).isEqualTo(HubException.Kind.CONFLICT));
        assertThat(vault.contribute(bob, Vault.ROUTING_FEEDBACK, "r1", "{\"helpful\":false}").created()).isTrue();
    }

    @Test
    void badContributionsAreRefusedBeforeAnythingIsStored() {
        assertThatThrownBy(() -> vault.contribute(null, Vault.ROUTING_FEEDBACK, "r1", "{}")).isInstanceOf(HubException.class);
        assertThatThrownBy(() -> vault.contribute(alice, Vault.ROUTING_FEEDBACK, " ", "{}")).isInstanceOf(HubException.class);
        assertThatThrownBy(() -> vault.contribute(alice, Vault.ROUTING_FEEDBACK, "r1", "x".repeat(VaultService.MAX_CONTENT + 1)))
                .isInstanceOf(HubException.class);
        assertThat(rows.rows).isEmpty();
    }
}
