package ai.perspective.routing.domain;

import ai.perspective.identity.AccountId;
import ai.perspective.routing.RoutedCall;
import ai.perspective.routing.RoutingAdmin;
import ai.perspective.routing.RoutingDecisionId;
import java.util.Optional;

/** Routed calls as stored (without their request text), and the hub's routing settings. */
public interface DecisionLog {

    /** What feedback needs to know about a routed call. */
    record Stored(RoutingDecisionId id, AccountId account, String answered, Boolean helpful) {
    }

    void add(RoutedCall call);

    Optional<Stored> find(RoutingDecisionId id);

    void rate(RoutingDecisionId id, boolean helpful);

    RoutingAdmin.Figures figures();

    Optional<String> setting(String name);

    void putSetting(String name, String value, AccountId by);
}
