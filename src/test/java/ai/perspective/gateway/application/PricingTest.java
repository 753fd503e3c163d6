package ai.perspective.gateway.application;

import static org.assertj.core.api.Assertions.assertThat;

import ai.perspective.catalog.Catalog;
import ai.perspective.catalog.ModelId;
import ai.perspective.identity.AccountId;
import java.math.BigInteger;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PricingTest {

    private static Catalog.Route priced(String input, String output) {
        return new Catalog.Route(ModelId.parse("acme/m"), AccountId.random(), new Catalog.BuiltIn("x"), null,
                Set.of(Catalog.Task.CHAT), 8192, new BigInteger(input), new BigInteger(output));
    }

    @Test
    void tokensTimesPricePerMillionRoundedUp() {
        // 1.5 POV (18 decimals) per 1M input tokens, 3 POV per 1M output tokens
        Catalog.Route route = priced("1500000000000000000", "3000000000000000000");
        assertThat(Pricing.cost(route, 1_000_000, 0)).isEqualTo(new BigInteger("1500000000000000000"));
        assertThat(Pricing.cost(route, 10, 20)).isEqualTo(new BigInteger("75000000000000"));
    }

    @Test
    void aFractionOfABaseUnitCostsOneBaseUnit() {
        Catalog.Route route = priced("1", "0");
        assertThat(Pricing.cost(route, 1, 0)).isEqualTo(BigInteger.ONE);
        assertThat(Pricing.cost(route, 0, 0)).isEqualTo(BigInteger.ZERO);
    }
}
