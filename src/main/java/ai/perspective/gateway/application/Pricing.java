package ai.perspective.gateway.application;

import ai.perspective.catalog.Catalog;
import java.math.BigInteger;

/** What a call costs: tokens times the model's prices per million, rounded up to a whole base unit. */
final class Pricing {

    private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);

    private Pricing() {
    }

    static BigInteger cost(Catalog.Route route, long promptTokens, long completionTokens) {
        BigInteger scaled = price(route.inputPricePerMillion()).multiply(BigInteger.valueOf(promptTokens))
                .add(price(route.outputPricePerMillion()).multiply(BigInteger.valueOf(completionTokens)));
        BigInteger[] quotient = scaled.divideAndRemainder(MILLION);
        return quotient[1].signum() == 0 ? quotient[0] : quotient[0].add(BigInteger.ONE);
    }

    static boolean free(Catalog.Route route) {
        return price(route.inputPricePerMillion()).signum() == 0 && price(route.outputPricePerMillion()).signum() == 0;
    }

    private static BigInteger price(BigInteger perMillion) {
        return perMillion == null ? BigInteger.ZERO : perMillion;
    }
}
