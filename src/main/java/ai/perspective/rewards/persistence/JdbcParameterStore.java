package ai.perspective.rewards.persistence;

import ai.perspective.shared.persistence.Sql;
import ai.perspective.rewards.HubParameters.Change;
import ai.perspective.rewards.HubParameters.Parameter;
import ai.perspective.rewards.domain.ParameterStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import javax.sql.DataSource;

@ApplicationScoped
public class JdbcParameterStore implements ParameterStore {

    private static final String SELECT = "select name, current_value, changed_at, changed_by, reason from rewards_parameter order by name";

    @Resource(lookup = "java:jboss/datasources/PerspectiveDS")
    DataSource dataSource;

    public JdbcParameterStore() {
    }

    /** For tests and tools outside the server. */
    public JdbcParameterStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<Parameter> all() {
        return Sql.query(dataSource, SELECT, JdbcParameterStore::parameter);
    }

    @Override
    public List<Parameter> allForUpdate() {
        return Sql.query(dataSource, SELECT + " for update", JdbcParameterStore::parameter);
    }

    private static Parameter parameter(java.sql.ResultSet rows) throws java.sql.SQLException {
        return new Parameter(rows.getString("name"), rows.getString("current_value"), Jdbc.instant(rows, "changed_at"),
                rows.getString("changed_by"), rows.getString("reason"));
    }

    @Override
    public void change(Change c) {
        Sql.update(dataSource, "update rewards_parameter set current_value = ?, changed_at = ?, changed_by = ?, reason = ? where name = ?",
                c.newValue(), c.changedAt(), c.changedBy(), c.reason(), c.name());
        Sql.update(dataSource, "insert into rewards_parameter_change (name, old_value, new_value, changed_at, changed_by, reason)"
                + " values (?, ?, ?, ?, ?, ?)", c.name(), c.oldValue(), c.newValue(), c.changedAt(), c.changedBy(), c.reason());
    }

    @Override
    public List<Change> history(int offset, int limit) {
        return Sql.query(dataSource, "select name, old_value, new_value, changed_at, changed_by, reason"
                + " from rewards_parameter_change order by id desc limit ? offset ?",
                rows -> new Change(rows.getString("name"), rows.getString("old_value"), rows.getString("new_value"),
                        Jdbc.instant(rows, "changed_at"), rows.getString("changed_by"), rows.getString("reason")),
                limit, offset);
    }
}
