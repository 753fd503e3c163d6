package ai.perspective.rewards.domain;

import ai.perspective.rewards.HubParameters.Change;
import ai.perspective.rewards.HubParameters.Parameter;
import java.util.List;

/** The stored hub parameters and their change log. */
public interface ParameterStore {

    List<Parameter> all();

    /** Locks and reads all parameters, so two changes never interleave. */
    List<Parameter> allForUpdate();

    void change(Change change);

    List<Change> history(int offset, int limit);
}
