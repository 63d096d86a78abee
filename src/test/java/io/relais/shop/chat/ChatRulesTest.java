package io.relais.shop.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules engine against a table of French and English utterances (src/test/resources/chat/utterances.tsv). */
class ChatRulesTest {

    static Stream<Arguments> utterances() throws IOException {
        try (InputStream in = ChatRulesTest.class.getResourceAsStream("/chat/utterances.tsv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            assertThat(lines).hasSizeGreaterThanOrEqualTo(60);
            return lines.stream().map(l -> {
                String[] f = Arrays.copyOf(l.split("\t", -1), 5);
                return Arguments.of(f[0], f[1], f[2], f[3], f[4]);
            });
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("utterances")
    void understands(String utterance, String intent, String items, String product, String language) {
        Understanding u = ChatRules.understand(utterance);
        assertThat(u.intent()).as("intent").isEqualTo(ChatIntent.valueOf(intent));
        if (items != null && !items.isBlank()) {
            List<String> expected = Arrays.stream(items.split(";")).map(String::strip).toList();
            assertThat(u.items()).extracting(i -> i.quantity() + " " + (i.reference() != null ? i.reference() : i.words()))
                    .as("items").containsExactlyElementsOf(expected);
        }
        if (product != null && !product.isBlank()) {
            assertThat(u.product()).as("product").contains(product);
        }
        if (language != null && !language.isBlank()) {
            assertThat(u.language()).as("language").isEqualTo(language);
        }
    }
}
