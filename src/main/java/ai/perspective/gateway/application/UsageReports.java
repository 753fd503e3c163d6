package ai.perspective.gateway.application;

import ai.perspective.identity.AccountId;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Calls and tokens per model and day (UTC), from the usage records: what a user spent through the
 * API, and what a creator's models served. One grouped query each, indexed by account or creator.
 */
@ApplicationScoped
public class UsageReports {

    public static final int MAX_DAYS = 90;

    public record DailyUsage(LocalDate day, String model, long calls, long failedCalls, long promptTokens,
            long completionTokens) {

        public long tokens() {
            return promptTokens + completionTokens;
        }
    }

    @Resource(lookup = "java:jboss/datasources/PerspectiveDS")
    DataSource dataSource;

    Clock clock = Clock.systemUTC();

    /** The calls an account made, last {@code days} days, newest first. */
    public List<DailyUsage> callsBy(AccountId account, int days) {
        return query("account_id", account, days);
    }

    /** The calls a creator's models served, last {@code days} days, newest first. */
    public List<DailyUsage> servedBy(AccountId creator, int days) {
        return query("creator_id", creator, days);
    }

    private List<DailyUsage> query(String column, AccountId who, int days) {
        int window = Math.max(1, Math.min(days, MAX_DAYS));
        LocalDate since = LocalDate.now(clock).minusDays(window - 1L);
        String sql = "select cast(created_at as date) as day, model, count(*),"
                + " sum(case when outcome = 'SUCCEEDED' then 0 else 1 end), sum(prompt_tokens), sum(completion_tokens)"
                + " from gateway_usage where " + column + " = ? and created_at >= ?"
                + " group by cast(created_at as date), model order by day desc, model";
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, who.value());
            select.setTimestamp(2, Timestamp.from(since.atStartOfDay(ZoneOffset.UTC).toInstant()));
            List<DailyUsage> rows = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    Date day = row.getDate(1);
                    rows.add(new DailyUsage(day.toLocalDate(), row.getString(2), row.getLong(3), row.getLong(4),
                            row.getLong(5), row.getLong(6)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read usage", e);
        }
    }
}
