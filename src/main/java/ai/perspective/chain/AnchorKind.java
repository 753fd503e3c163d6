package ai.perspective.chain;

import ai.perspective.shared.HubException;
import java.util.Arrays;
import java.util.Locale;

/**
 * What an anchored root commits to. The code is the contract's {@code uint8 kind}; the slug names
 * the kind in URLs ({@code /api/verify/anchors/ledger-batch/...}).
 */
public enum AnchorKind {
    /** A settlement batch of the rewards ledger (its transfers are the leaves). */
    LEDGER_BATCH(1),
    /** The tally of a governance vote. */
    VOTE_TALLY(2),
    /** A root an administrator publishes, e.g. the manifest of a data set; never a ledger batch. */
    ATTESTATION(3);

    private final int code;

    AnchorKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static AnchorKind ofCode(int code) {
        return Arrays.stream(values()).filter(k -> k.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown anchor kind " + code));
    }

    /** Parses a slug or name from a request; an unknown one is the client's mistake. */
    public static AnchorKind parse(String text) {
        String name = text == null ? "" : text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(k -> k.name().equals(name)).findFirst()
                .orElseThrow(() -> HubException.invalid("kind", "invalid-anchor-kind",
                        "'" + text + "' is not an anchor kind: use ledger-batch, vote-tally or attestation."));
    }
}
