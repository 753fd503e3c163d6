package ai.perspective.rewards.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Transfer ids derived from what a transfer is for (e.g. the hold of request "abc"), so a retry of
 * the same operation computes the same id and the ledger's idempotency does the rest.
 */
public final class TransferIds {

    private TransferIds() {
    }

    public static UUID of(String purpose, String key) {
        return UUID.nameUUIDFromBytes(("perspective:rewards:" + purpose + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    public static UUID hold(String requestKey) {
        return of("hold", requestKey);
    }

    public static UUID post(String requestKey) {
        return of("post", requestKey);
    }

    public static UUID voiding(String requestKey) {
        return of("void", requestKey);
    }

    /** The charge of a call whose hold was voided before its cost was known (see ChargesService). */
    public static UUID lateCharge(String requestKey) {
        return of("late-charge", requestKey);
    }

    public static UUID share(String requestKey, int index) {
        return of("share-" + index, requestKey);
    }

    public static UUID signupGrant(UUID account) {
        return of("signup-grant", account.toString());
    }
}
