package io.relationships.catalog;

import java.math.BigDecimal;

/** Weights as the catalog hands them out: no trailing zeros, never in exponent form (10, not 1E+1 or 10.00000000). */
final class Weights {

    private Weights() {
    }

    public static BigDecimal normalise(BigDecimal weight) {
        if (weight == null) {
            return null;
        }
        BigDecimal stripped = weight.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
