package ai.perspective.rewards.domain;

import ai.perspective.identity.AccountId;
import ai.perspective.rewards.Ledger.Code;
import ai.perspective.rewards.LedgerAccount;
import ai.perspective.shared.HubException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * How a charge is split, in basis points (1/100 of a percent) that sum to 10,000. Shares are
 * rounded down; every remainder, and the share of a group that does not apply to a call (no node
 * operators, no data contributors), goes to the creator, so a split always adds up to the cost.
 */
public record FeeSchedule(int creatorBps, int treasuryBps, int nodesBps, int dataBps) {

    public static final int WHOLE = 10_000;
    private static final BigInteger WHOLE_BIG = BigInteger.valueOf(WHOLE);

    public FeeSchedule {
        if (creatorBps < 0 || treasuryBps < 0 || nodesBps < 0 || dataBps < 0) {
            throw HubException.invalid("fees", "invalid-fee-schedule", "Fee shares cannot be negative.");
        }
        if ((long) creatorBps + treasuryBps + nodesBps + dataBps != WHOLE) {
            throw HubException.invalid("fees", "invalid-fee-schedule",
                    "Fee shares must sum to 10000 basis points (100 %); they sum to "
                            + ((long) creatorBps + treasuryBps + nodesBps + dataBps) + ".");
        }
    }

    /** One credit of a split charge. */
    public record Share(LedgerAccount to, Code code, BigInteger amount) {
    }

    /** The shares of {@code cost}, creator first; zero shares are left out. */
    public List<Share> split(BigInteger cost, AccountId creator, List<AccountId> nodeOperators, List<AccountId> dataContributors) {
        if (cost.signum() < 0) {
            throw new IllegalArgumentException("negative cost");
        }
        List<Share> others = new ArrayList<>();
        BigInteger treasury = portion(cost, treasuryBps);
        others.add(new Share(LedgerAccount.TREASURY, Code.TREASURY_SHARE, treasury));
        spread(portion(cost, nodesBps), nodeOperators, Code.NODE_SHARE, others);
        spread(portion(cost, dataBps), dataContributors, Code.DATA_SHARE, others);
        BigInteger paid = others.stream().map(Share::amount).reduce(BigInteger.ZERO, BigInteger::add);
        List<Share> shares = new ArrayList<>();
        shares.add(new Share(LedgerAccount.earnings(creator), Code.CREATOR_SHARE, cost.subtract(paid)));
        shares.addAll(others);
        return shares.stream().filter(s -> s.amount().signum() > 0).toList();
    }

    private static BigInteger portion(BigInteger cost, int bps) {
        return cost.multiply(BigInteger.valueOf(bps)).divide(WHOLE_BIG);
    }

    private static void spread(BigInteger total, List<AccountId> to, Code code, List<Share> shares) {
        if (to.isEmpty()) {
            return;
        }
        BigInteger each = total.divide(BigInteger.valueOf(to.size()));
        to.forEach(account -> shares.add(new Share(LedgerAccount.earnings(account), code, each)));
    }
}
