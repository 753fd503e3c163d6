package ai.perspective.gateway.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.perspective.catalog.Catalog;
import ai.perspective.catalog.ModelId;
import ai.perspective.identity.AccountId;
import ai.perspective.routing.RoutedCall;
import ai.perspective.routing.RoutingDecision;
import ai.perspective.routing.RoutingDecisionId;
import ai.perspective.shared.HubException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RoutedCallsTest {

    private static final ModelId COOK = ModelId.parse("acme/cook");
    private static final ModelId TRAVEL = ModelId.parse("acme/travel");
    private static final ModelId EMBED = ModelId.parse("acme/embed");

    private final RoutedCalls routed = new RoutedCalls();

    RoutedCallsTest() {
        routed.catalog = (Catalog) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Catalog.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("route")) {
                        ModelId id = (ModelId) args[0];
                        if (id.equals(COOK) || id.equals(TRAVEL)) {
                            return Optional.of(route(id, Set.of(Catalog.Task.CHAT)));
                        }
                        if (id.equals(EMBED)) {
                            return Optional.of(route(id, Set.of(Catalog.Task.EMBEDDINGS)));
                        }
                        return Optional.empty();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Catalog.Route route(ModelId id, Set<Catalog.Task> tasks) {
        return new Catalog.Route(id, new AccountId(UUID.randomUUID()),
                new Catalog.ExternalEndpoint(URI.create("http://127.0.0.1:1/v1"), "m"), null, tasks, 8192, BigInteger.ONE,
                BigInteger.TWO);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void theBodySteersWithAllowedModelsAndACostWeight() {
        RoutedCalls.Steering steering = routed.steering(json(
                "{\"perspective\":{\"models\":[\"acme/cook\",\"acme/travel\"],\"cost_weight\":0.3}}"), "acme/nothing", "0.9");

        assertThat(steering.allowed()).containsExactlyInAnyOrder(COOK, TRAVEL);
        assertThat(steering.costWeight()).isEqualTo(0.3);
    }

    @Test
    void headersSteerWhenTheBodyDoesNot() {
        RoutedCalls.Steering steering = routed.steering(json("{}"), " acme/cook , acme/travel,", "1");

        assertThat(steering.allowed()).containsExactlyInAnyOrder(COOK, TRAVEL);
        assertThat(steering.costWeight()).isEqualTo(1.0);
        assertThat(routed.steering(json("{}"), null, null)).isEqualTo(new RoutedCalls.Steering(Set.of(), 0));
    }

    @Test
    void badSteeringNamesTheOffendingField() {
        assertThatThrownBy(() -> routed.steering(json("{\"perspective\":{\"models\":[\"acme/unknown\"]}}"), null, null))
                .isInstanceOfSatisfying(HubException.class, e -> {
                    assertThat(e.field()).isEqualTo("perspective.models");
                    assertThat(e.type()).isEqualTo("model_not_found");
                });
        assertThatThrownBy(() -> routed.steering(json("{\"perspective\":{\"models\":[\"acme/embed\"]}}"), null, null))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.field()).isEqualTo("perspective.models"));
        assertThatThrownBy(() -> routed.steering(json("{\"perspective\":{\"models\":\"acme/cook\"}}"), null, null))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.field()).isEqualTo("perspective.models"));
        for (String weight : List.of("1.01", "-0.1", "\"high\"")) {
            assertThatThrownBy(() -> routed.steering(json("{\"perspective\":{\"cost_weight\":" + weight + "}}"), null, null))
                    .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.field()).isEqualTo("perspective.cost_weight"));
        }
        assertThatThrownBy(() -> routed.steering(json("{}"), null, "cheap")).isInstanceOf(HubException.class);
        assertThatThrownBy(() -> routed.steering(json("{\"perspective\":[1]}"), null, null))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.field()).isEqualTo("perspective"));
    }

    @Test
    void routesByTheLastUserMessageTextPartsIncluded() {
        assertThat(RoutedCalls.lastUserMessage(json("{\"messages\":[{\"role\":\"user\",\"content\":\"first\"},"
                + "{\"role\":\"assistant\",\"content\":\"ok\"},{\"role\":\"user\",\"content\":\"second\"}]}"))).isEqualTo("second");
        assertThat(RoutedCalls.lastUserMessage(json("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"look\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}},{\"type\":\"text\",\"text\":\"here\"}]}]}")))
                .isEqualTo("look\nhere");
        assertThat(RoutedCalls.lastUserMessage(json("{\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"}]}"))).isNull();
        assertThat(RoutedCalls.lastUserMessage(json("{\"messages\":[{\"role\":\"user\",\"content\":\"  \"}]}"))).isNull();
    }

    @Test
    void headersNameTheTopCandidatesTheAnswerAndTheFailures() {
        RoutingDecision.Candidate cook = new RoutingDecision.Candidate(COOK, 0.8123, 0.85, 0.9, 0.5, 0.7, 0.4, 0, 0, true);
        RoutingDecision.Candidate travel = new RoutingDecision.Candidate(TRAVEL, 0.41, 0.42, 0.4, 0.1, 0.1, 0.2, 0, 0, false);
        RoutingDecisionId id = RoutingDecisionId.random();
        RoutingDecision decision = new RoutingDecision(id, COOK, 0.97, false, List.of(cook, travel), List.of("fits"));
        RoutedCalls.RoutedAnswer answer = new RoutedCalls.RoutedAnswer(decision, TRAVEL,
                List.of(new RoutedCall.Attempt(COOK, 502)));

        assertThat(RoutedCalls.candidatesHeader(decision)).isEqualTo("acme/cook;score=0.812;fit=0.850, acme/travel;score=0.410;fit=0.420");
        assertThat(RoutedCalls.routeHeader(answer))
                .isEqualTo("model=acme/travel; chosen=acme/cook; confidence=0.970; general-fallback=false; decision=" + id);
        assertThat(RoutedCalls.failedHeader(answer)).isEqualTo("acme/cook;status=502");
        assertThat(RoutedCalls.failedHeader(new RoutedCalls.RoutedAnswer(decision, COOK, List.of()))).isNull();
    }
}
