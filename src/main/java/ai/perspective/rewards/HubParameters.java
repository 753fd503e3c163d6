package ai.perspective.rewards;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The hub parameters the ledger runs on (fee schedule, sign-up grant, batching, hold timeout), in
 * one place with an audit trail. Admins change them today, governance proposals later: every
 * change records who, when and why, and a change that breaks a rule (e.g. fee shares not summing
 * to 100 %) is refused as a whole.
 */
public interface HubParameters {

    String FEES_CREATOR_BPS = "fees.creator.bps";
    String FEES_TREASURY_BPS = "fees.treasury.bps";
    String FEES_NODES_BPS = "fees.nodes.bps";
    String FEES_DATA_BPS = "fees.data.bps";
    String GRANTS_SIGNUP = "grants.signup";
    String BATCHES_MAX_SECONDS = "batches.max-seconds";
    String BATCHES_MAX_TRANSFERS = "batches.max-transfers";
    String HOLDS_TIMEOUT_SECONDS = "holds.timeout-seconds";

    record Parameter(String name, String value, Instant changedAt, String changedBy, String reason) {
    }

    record Change(String name, String oldValue, String newValue, Instant changedAt, String changedBy, String reason) {
    }

    List<Parameter> parameters();

    /**
     * Applies all changes or none. {@code changedBy} names who decided, e.g. {@code account:<id>}
     * or {@code governance:proposal-7}.
     */
    List<Parameter> change(Map<String, String> changes, String reason, String changedBy);

    /** Changes, newest first. */
    List<Change> history(int offset, int limit);
}
