package ai.perspective.catalog.persistence;

import ai.perspective.catalog.domain.ModelSpec;
import java.math.BigInteger;
import org.hibernate.search.mapper.pojo.bridge.ValueBridge;
import org.hibernate.search.mapper.pojo.bridge.runtime.ValueBridgeToIndexedValueContext;

/**
 * Prices in the index as zero-padded decimal strings: their text order is their numeric order. A
 * numeric index field holds at most a long (9.2 POV in base units), far below the prices the
 * catalog accepts, and money must stay exact, so no double.
 */
public class PriceKey implements ValueBridge<BigInteger, String> {

    static final int DIGITS = ModelSpec.MAX_PRICE.toString().length();

    public static String of(BigInteger price) {
        String digits = price.toString();
        return "0".repeat(DIGITS - digits.length()) + digits;
    }

    @Override
    public String toIndexedValue(BigInteger value, ValueBridgeToIndexedValueContext context) {
        return value == null ? null : of(value);
    }
}
