package io.relais.shop.catalog;

import java.math.BigDecimal;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-pass reading of plain numbers answers exactly what the general reading answers, on every input. */
class PricesTest {

    private static String outcome(java.util.function.Supplier<BigDecimal> read) {
        try {
            BigDecimal value = read.get();
            return value.toString(); // scale included: "12.50" and "12.5" differ
        } catch (NumberFormatException e) {
            return "rejected";
        }
    }

    @Test
    void plainNumbersReadAsTheGeneralPathReadsThem() {
        Random random = new Random(7);
        String alphabet = "0123456789.,+- €";
        int plainOnes = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(8);
            for (int j = 0; j < length; j++) {
                // mostly digits, so that many inputs are plain numbers
                text.append(random.nextInt(3) > 0 ? (char) ('0' + random.nextInt(10)) : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String value = text.toString();
            for (boolean decimalComma : new boolean[] {true, false}) {
                String expected = outcome(() -> Prices.general(value, decimalComma));
                assertThat(outcome(() -> Prices.parse(value, decimalComma))).as("'%s' (decimal comma: %s)", value, decimalComma)
                        .isEqualTo(expected);
                if (!expected.equals("rejected")) plainOnes++;
            }
        }
        assertThat(plainOnes).isGreaterThan(100_000);
    }
}
