package ai.perspective.rewards.application;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Shows base units as POV for people: 18 decimals, trailing zeros dropped. */
public final class Pov {

    public static final int DECIMALS = 18;

    private Pov() {
    }

    public static String format(BigInteger baseUnits) {
        BigDecimal pov = new BigDecimal(baseUnits, DECIMALS).stripTrailingZeros();
        return pov.signum() == 0 ? "0" : pov.toPlainString();
    }

    /** Parses "1.5" as 1.5 POV in base units; more than 18 decimals is an error. */
    public static BigInteger parse(String pov) {
        return new BigDecimal(pov.strip()).movePointRight(DECIMALS).toBigIntegerExact();
    }
}
