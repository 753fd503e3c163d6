package ai.perspective.routing.persistence;

import ai.perspective.identity.AccountId;
import ai.perspective.routing.RoutedCall;
import ai.perspective.routing.RoutingAdmin;
import ai.perspective.routing.RoutingDecisionId;
import ai.perspective.routing.domain.DecisionLog;
import ai.perspective.shared.persistence.Sql;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** Plain JDBC on the hub's JTA datasource: one insert per routed call, counts for the figures. */
@ApplicationScoped
public class JdbcDecisionLog implements DecisionLog {

    static final int MAX_TEXT = 2000;

    @Resource(lookup = "java:jboss/datasources/PerspectiveDS")
    DataSource dataSource;

    @Override
    public void add(RoutedCall call) {
        String attempts = call.attempts().stream().map(a -> a.model() + ":" + a.status()).collect(Collectors.joining(" "));
        String candidates = call.candidates().stream().limit(10)
                .map(c -> String.format(Locale.ROOT, "%s:%.3f", c.model(), c.score())).collect(Collectors.joining(" "));
        update("insert into routing_decision (id, account_id, chosen_model, answered_model, attempts, general_fallback,"
                + " candidates, helpful, created_at) values (?, ?, ?, ?, ?, ?, ?, null, ?)",
                call.decision().value(), call.account().value(), call.chosen().toString(),
                call.answered() == null ? null : call.answered().toString(), cut(attempts), call.generalFallback(),
                cut(candidates), Timestamp.from(call.at()));
    }

    @Override
    public Optional<Stored> find(RoutingDecisionId id) {
        return query("select id, account_id, answered_model, helpful from routing_decision where id = ?",
                rows -> new Stored(new RoutingDecisionId(rows.getObject("id", UUID.class)),
                        new AccountId(rows.getObject("account_id", UUID.class)), rows.getString("answered_model"),
                        (Boolean) rows.getObject("helpful")),
                id.value()).stream().findFirst();
    }

    @Override
    public void rate(RoutingDecisionId id, boolean helpful) {
        update("update routing_decision set helpful = ? where id = ?", helpful, id.value());
    }

    @Override
    public RoutingAdmin.Figures figures() {
        return query("select count(*) as decisions,"
                + " coalesce(sum(case when general_fallback then 1 else 0 end), 0) as general_fallbacks,"
                + " coalesce(sum(case when answered_model is not null and answered_model <> chosen_model then 1 else 0 end), 0) as failovers,"
                + " coalesce(sum(case when answered_model is null then 1 else 0 end), 0) as unanswered,"
                + " coalesce(sum(case when helpful is not null then 1 else 0 end), 0) as rated,"
                + " coalesce(sum(case when helpful then 1 else 0 end), 0) as helpful,"
                + " min(created_at) as since from routing_decision",
                rows -> {
                    Timestamp since = rows.getTimestamp("since");
                    return new RoutingAdmin.Figures(rows.getLong("decisions"), rows.getLong("general_fallbacks"),
                            rows.getLong("failovers"), rows.getLong("unanswered"), rows.getLong("rated"),
                            rows.getLong("helpful"), since == null ? null : since.toInstant());
                }).get(0);
    }

    @Override
    public Optional<String> setting(String name) {
        return query("select val from routing_setting where name = ?", rows -> rows.getString(1), name).stream().findFirst();
    }

    @Override
    public void putSetting(String name, String value, AccountId by) {
        Timestamp now = Timestamp.from(Instant.now());
        UUID who = by == null ? null : by.value();
        if (update("update routing_setting set val = ?, updated_by = ?, updated_at = ? where name = ?", value, who, now, name) == 0) {
            update("insert into routing_setting (name, val, updated_by, updated_at) values (?, ?, ?, ?)", name, value, who, now);
        }
    }

    private static String cut(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }

    private int update(String sql, Object... parameters) {
        return Sql.update(dataSource, sql, parameters);
    }

    private <T> List<T> query(String sql, Sql.Rows<T> mapper, Object... parameters) {
        return Sql.query(dataSource, sql, mapper, parameters);
    }
}
