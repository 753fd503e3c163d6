package ai.perspective.routing.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.perspective.catalog.ModelId;
import ai.perspective.identity.AccountId;
import ai.perspective.routing.Ratings;
import ai.perspective.routing.RoutedCall;
import ai.perspective.routing.RoutingAdmin;
import ai.perspective.routing.RoutingDecision;
import ai.perspective.routing.RoutingDecisionId;
import ai.perspective.routing.RoutingProfile;
import ai.perspective.routing.RoutingRequest;
import ai.perspective.routing.RoutingSetup;
import ai.perspective.routing.domain.DecisionLog;
import ai.perspective.shared.HubException;
import ai.perspective.vault.Contribution;
import ai.perspective.vault.Vault;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Ratings: who may rate what, once, and where the rating goes. */
class RoutingHubTest {

    private static final ModelId COOK = ModelId.parse("acme/cook");
    private static final ModelId GENERAL = ModelId.parse("hub/general");

    static final class MemoryLog implements DecisionLog {
        final Map<RoutingDecisionId, Stored> rows = new HashMap<>();

        @Override
        public void add(RoutedCall call) {
            rows.put(call.decision(), new Stored(call.decision(), call.account(),
                    call.answered() == null ? null : call.answered().toString(), null));
        }

        @Override
        public Optional<Stored> find(RoutingDecisionId id) {
            return Optional.ofNullable(rows.get(id));
        }

        @Override
        public void rate(RoutingDecisionId id, boolean helpful) {
            Stored s = rows.get(id);
            rows.put(id, new Stored(s.id(), s.account(), s.answered(), helpful));
        }

        @Override
        public RoutingAdmin.Figures figures() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> setting(String name) {
            return Optional.empty();
        }

        @Override
        public void putSetting(String name, String value, AccountId by) {
        }
    }

    static final class MemoryVault implements Vault {
        final List<Contribution> rows = new ArrayList<>();

        @Override
        public Contributed contribute(AccountId owner, String kind, String reference, String content) {
            Contribution c = new Contribution(UUID.randomUUID(), owner, kind, reference, content, Instant.now());
            rows.add(c);
            return new Contributed(c, true);
        }

        @Override
        public Optional<Contribution> find(AccountId owner, String kind, String reference) {
            return rows.stream().filter(c -> c.owner().equals(owner) && c.kind().equals(kind) && c.reference().equals(reference))
                    .findFirst();
        }

        @Override
        public List<Contribution> all(String kind) {
            return rows.stream().filter(c -> c.kind().equals(kind)).toList();
        }
    }

    private final RoutingService router = new RoutingService(new WordEmbeddings());
    private final MemoryLog log = new MemoryLog();
    private final MemoryVault vault = new MemoryVault();
    private final RoutingHub hub = new RoutingHub();
    private final AccountId alice = AccountId.random();

    RoutingHubTest() {
        hub.log = log;
        hub.router = router;
        hub.vault = vault;
        router.configure(new RoutingSetup(List.of(
                new RoutingProfile(COOK, "Cooking", List.of("pasta sauce recipe", "bake bread oven"), BigInteger.ONE, Duration.ZERO, 0),
                new RoutingProfile(GENERAL, "Anything", List.of(), BigInteger.ONE, Duration.ZERO, 0)), GENERAL));
    }

    private RoutingDecisionId routed(AccountId account, ModelId answered) {
        RoutingDecisionId id = new RoutingDecisionId(UUID.randomUUID());
        RoutingDecision d = router.route(new RoutingRequest("pasta sauce for dinner", 0, id, java.util.Set.of()));
        log.add(new RoutedCall(id, account, d.model(), answered, List.of(new RoutedCall.Attempt(COOK, 200)), false,
                d.candidates(), Instant.now()));
        return id;
    }

    @Test
    void aRatingTeachesTheRouterAndIsTheRatersContribution() {
        RoutingDecisionId id = routed(alice, COOK);

        Ratings.Rated rated = hub.rate(alice, new Ratings.Rating(id, null, false, "  too salty "));

        assertThat(rated.created()).isTrue();
        assertThat(rated.learned()).isTrue();
        assertThat(rated.model()).isEqualTo(COOK);
        assertThat(rated.reason()).isEqualTo("too salty");
        assertThat(log.rows.get(id).helpful()).isFalse();
        assertThat(vault.all(Vault.ROUTING_FEEDBACK)).singleElement().satisfies(c -> {
            assertThat(c.owner()).isEqualTo(alice);
            assertThat(c.reference()).isEqualTo(id.toString());
            assertThat(c.content()).contains("\"prompt\":\"pasta sauce for dinner\"").contains("\"helpful\":false")
                    .contains("\"model\":\"acme/cook\"").contains("too salty");
        });
    }

    @Test
    void theSameRatingAgainIsAcceptedOnceAnotherVerdictIsAConflict() {
        RoutingDecisionId id = routed(alice, COOK);
        hub.rate(alice, new Ratings.Rating(id, COOK, true, null));

        Ratings.Rated again = hub.rate(alice, new Ratings.Rating(id, COOK, true, null));

        assertThat(again.created()).isFalse();
        assertThat(vault.rows).hasSize(1);
        assertThatThrownBy(() -> hub.rate(alice, new Ratings.Rating(id, COOK, false, null)))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.type()).isEqualTo("already-rated"));
    }

    @Test
    void onlyTheCallerMayRateAnAnsweredRoutedResponseOfTheModelThatAnswered() {
        RoutingDecisionId mine = routed(alice, COOK);
        RoutingDecisionId unanswered = routed(alice, null);

        assertThatThrownBy(() -> hub.rate(AccountId.random(), new Ratings.Rating(mine, null, true, null)))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.kind()).isEqualTo(HubException.Kind.FORBIDDEN));
        assertThatThrownBy(() -> hub.rate(alice, new Ratings.Rating(RoutingDecisionId.random(), null, true, null)))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.type()).isEqualTo("unknown-response"));
        assertThatThrownBy(() -> hub.rate(alice, new Ratings.Rating(unanswered, null, true, null)))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.type()).isEqualTo("response-unanswered"));
        assertThatThrownBy(() -> hub.rate(alice, new Ratings.Rating(mine, GENERAL, true, null)))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.type()).isEqualTo("wrong-model"));
        assertThatThrownBy(() -> hub.rate(alice, new Ratings.Rating(mine, null, true, "x".repeat(RoutingHub.MAX_REASON + 1))))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.field()).isEqualTo("reason"));
        assertThat(vault.rows).isEmpty();
    }
}
