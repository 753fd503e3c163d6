package ai.perspective.routing.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.perspective.catalog.ModelId;
import ai.perspective.routing.Feedback;
import ai.perspective.routing.RoutingCalibration;
import ai.perspective.routing.RoutingDecision;
import ai.perspective.routing.RoutingDecisionId;
import ai.perspective.routing.RoutingProfile;
import ai.perspective.routing.RoutingRequest;
import ai.perspective.routing.RoutingSetup;
import ai.perspective.shared.HubException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RoutingServiceTest {

    private static final ModelId BANK = ModelId.parse("acme/bank");
    private static final ModelId COOK = ModelId.parse("acme/cook");
    private static final ModelId CHEAP_COOK = ModelId.parse("budget/cook");
    private static final ModelId GENERAL = ModelId.parse("hub/general");
    private static final BigInteger POV = BigInteger.TEN.pow(18);

    private final RoutingService router = new RoutingService(new WordEmbeddings());

    /** Example prompts: a topic's words in random combinations. */
    private static List<String> prompts(String words, int count, long seed) {
        String[] w = words.split(" ");
        Random random = new Random(seed);
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < 4; j++) {
                b.append(w[random.nextInt(w.length)]).append(' ');
            }
            prompts.add(b.toString().strip());
        }
        return prompts;
    }

    private static final String BANKING = "balance account transfer money savings deposit bank card fraud loan";
    private static final String COOKING = "recipe cook bake oven dinner pasta sauce chicken soup ingredients";

    private static RoutingProfile profile(ModelId id, String card, List<String> examples, long pricePov) {
        return new RoutingProfile(id, card, examples, POV.multiply(BigInteger.valueOf(pricePov)), Duration.ZERO, 0);
    }

    private RoutingCalibration configure(boolean withCheapCook) {
        List<RoutingProfile> profiles = new ArrayList<>(List.of(
                profile(BANK, "Banking assistant", prompts(BANKING, 200, 1), 5),
                profile(COOK, "Cooking assistant", prompts(COOKING, 200, 2), 5),
                profile(GENERAL, "General assistant for anything", List.of(), 10)));
        if (withCheapCook) {
            profiles.add(profile(CHEAP_COOK, "Cooking assistant, cheaper", prompts(COOKING, 200, 3), 1));
        }
        return router.configure(new RoutingSetup(profiles, GENERAL,
                List.of("weather tomorrow rain", "who won the football game", "planet orbit telescope"), 0.02));
    }

    @Test
    void routesToTheSpecialistWhoseExamplesFit() {
        configure(false);

        RoutingDecision bank = router.route(RoutingRequest.of("transfer money from savings account"));
        RoutingDecision cook = router.route(RoutingRequest.of("pasta sauce recipe for dinner"));

        assertThat(bank.model()).isEqualTo(BANK);
        assertThat(bank.fallback()).isFalse();
        assertThat(bank.candidates()).hasSize(3).first().extracting(RoutingDecision.Candidate::model).isEqualTo(BANK);
        assertThat(bank.reasons()).first().asString().contains("acme/bank fits best");
        assertThat(cook.model()).isEqualTo(COOK);
    }

    @Test
    void calibratesTheThresholdOnHeldOutExamples() {
        RoutingCalibration calibration = configure(false);

        assertThat(calibration.heldOut()).isEqualTo(40);
        assertThat(calibration.heldOutAccuracy()).isGreaterThan(0.9);
        assertThat(calibration.outOfScope()).isEqualTo(3);
        assertThat(calibration.threshold()).isFinite();
    }

    @Test
    void fallsBackToTheGeneralModelWhenNothingFits() {
        configure(false);

        RoutingDecision decision = router.route(RoutingRequest.of("telescope planet orbit"));

        assertThat(decision.fallback()).isTrue();
        assertThat(decision.model()).isEqualTo(GENERAL);
        assertThat(decision.confidence()).isLessThan(0.05);
        assertThat(decision.reasons()).first().asString().contains("general model");
    }

    @Test
    void theCostWeightPicksTheCheaperOfTwoFittingModels() {
        configure(true);
        String prompt = "chicken soup recipe oven";

        RoutingDecision quality = router.route(new RoutingRequest(prompt, 0));
        RoutingDecision cost = router.route(new RoutingRequest(prompt, 1));

        assertThat(List.of(COOK, CHEAP_COOK)).contains(quality.model());
        assertThat(cost.model()).isEqualTo(CHEAP_COOK);
        RoutingDecision.Candidate dear = cost.candidates().stream().filter(c -> c.model().equals(COOK)).findFirst().orElseThrow();
        assertThat(dear.pricePenalty()).isGreaterThan(cost.candidates().get(0).pricePenalty());
    }

    @Test
    void failingCallsSteerTrafficToAnotherFittingModel() {
        configure(true);
        String prompt = "chicken soup recipe oven";
        RoutingDecision before = router.route(RoutingRequest.of(prompt));
        assertThat(before.candidates()).filteredOn(RoutingDecision.Candidate::eligible)
                .extracting(RoutingDecision.Candidate::model).containsExactlyInAnyOrder(COOK, CHEAP_COOK);
        ModelId first = before.model();
        ModelId other = first.equals(COOK) ? CHEAP_COOK : COOK;

        for (int i = 0; i < 60; i++) {
            router.observe(first, Duration.ofMillis(300), true);
        }

        assertThat(router.route(RoutingRequest.of(prompt)).model()).isEqualTo(other);
    }

    @Test
    void feedbackUpdatesTheRouterOnline() {
        configure(false);
        String prompt = "bank card dinner recipe";
        RoutingDecision before = router.route(RoutingRequest.of(prompt));
        double cookBefore = classifier(before, COOK);

        assertThat(router.feedback(new Feedback(before.id(), COOK, true))).isTrue();
        assertThat(router.feedback(new Feedback(before.id(), BANK, false))).isTrue();

        RoutingDecision after = router.route(RoutingRequest.of(prompt));
        assertThat(classifier(after, COOK)).isGreaterThan(cookBefore);
        assertThat(classifier(after, BANK)).isLessThan(classifier(before, BANK));
    }

    @Test
    void feedbackSurvivesAReconfiguration() {
        configure(false);
        String prompt = "bank card dinner recipe";
        RoutingDecision decision = router.route(RoutingRequest.of(prompt));
        double untrained = classifier(decision, COOK);
        for (int i = 0; i < 5; i++) {
            router.feedback(new Feedback(decision.id(), COOK, true));
        }

        configure(false);

        assertThat(classifier(router.route(RoutingRequest.of(prompt)), COOK)).isGreaterThan(untrained);
    }

    @Test
    void feedbackOnAnUnknownDecisionOrModelIsIgnored() {
        configure(false);
        RoutingDecision decision = router.route(RoutingRequest.of("transfer money"));

        assertThat(router.feedback(new Feedback(RoutingDecisionId.random(), BANK, true))).isFalse();
        assertThat(router.feedback(new Feedback(decision.id(), ModelId.parse("nobody/unknown"), true))).isFalse();
    }

    @Test
    void anAllowedListRestrictsTheCandidatesInTheRoutersOrder() {
        configure(false);
        RoutingDecisionId id = RoutingDecisionId.random();

        RoutingDecision decision = router.route(new RoutingRequest("transfer money from savings account", 0, id,
                java.util.Set.of(COOK, GENERAL)));

        assertThat(decision.id()).isEqualTo(id);
        assertThat(decision.candidates()).extracting(RoutingDecision.Candidate::model).containsExactlyInAnyOrder(COOK, GENERAL);
        assertThat(decision.model()).isNotEqualTo(BANK);
        assertThat(decision.reasons()).first().asString().contains("allowed");
        assertThat(router.prompt(id)).contains("transfer money from savings account");
        assertThatThrownBy(() -> router.route(new RoutingRequest("transfer money", 0, null,
                java.util.Set.of(ModelId.parse("nobody/unknown")))))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.type()).isEqualTo("no-allowed-model"));
    }

    @Test
    void aFallbackToAGeneralModelThatIsNotAllowedGoesToTheBestAllowedModel() {
        configure(false);

        RoutingDecision decision = router.route(new RoutingRequest("telescope planet orbit", 0, null, java.util.Set.of(BANK, COOK)));

        assertThat(decision.fallback()).isFalse();
        assertThat(List.of(BANK, COOK)).contains(decision.model());
        assertThat(decision.reasons()).first().asString().contains("not allowed");
    }

    @Test
    void storedFeedbackIsReplayedByPromptAndKeptForLaterConfigurations() {
        String prompt = "bank card dinner recipe";
        assertThat(router.learn(prompt, COOK, true)).as("nothing routed yet: only kept").isFalse();
        configure(false);
        double replayedOnce = classifier(router.route(RoutingRequest.of(prompt)), COOK);

        for (int i = 0; i < 5; i++) {
            assertThat(router.learn(prompt, COOK, true)).isTrue();
        }

        assertThat(classifier(router.route(RoutingRequest.of(prompt)), COOK)).isGreaterThan(replayedOnce);
        assertThat(router.routed()).hasValueSatisfying(r -> {
            assertThat(r.models()).containsExactly(BANK, COOK, GENERAL);
            assertThat(r.generalModel()).isEqualTo(GENERAL);
        });
    }

    @Test
    void routingBeforeConfigurationIsAConflict() {
        assertThatThrownBy(() -> router.route(RoutingRequest.of("hello")))
                .isInstanceOfSatisfying(HubException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HubException.Kind.CONFLICT);
                    assertThat(e.type()).isEqualTo("routing-unavailable");
                });
    }

    @Test
    void badSetupsAndRequestsAreTheCallersMistake() {
        List<RoutingProfile> profiles = List.of(profile(BANK, "Banking", List.of(), 1));

        assertThatThrownBy(() -> new RoutingSetup(profiles, GENERAL)).isInstanceOf(HubException.class)
                .hasMessageContaining("general model");
        assertThatThrownBy(() -> new RoutingRequest(" ", 0)).isInstanceOf(HubException.class);
        assertThatThrownBy(() -> new RoutingRequest("hi", -0.1)).isInstanceOf(HubException.class);
        assertThatThrownBy(() -> new RoutingProfile(BANK, "", List.of(), BigInteger.ONE, null, 0))
                .isInstanceOf(HubException.class);
    }

    private static double classifier(RoutingDecision decision, ModelId model) {
        return decision.candidates().stream().filter(c -> c.model().equals(model)).findFirst().orElseThrow().classifier();
    }
}
