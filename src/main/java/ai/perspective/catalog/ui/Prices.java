package ai.perspective.catalog.ui;

import java.math.BigDecimal;
import java.math.BigInteger;

/** POV base units (18 decimals) as people read them: "0.000025 POV". Exact, never a double. */
final class Prices {

    private static final int DECIMALS = 18;

    private Prices() {
    }

    static String pov(BigInteger baseUnits) {
        BigDecimal pov = new BigDecimal(baseUnits, DECIMALS).stripTrailingZeros();
        return (pov.signum() == 0 ? "0" : pov.toPlainString()) + " POV";
    }
}
