package io.relais.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class HostileTextTest {

    @Test
    void a_nul_or_an_unpaired_surrogate_is_named_by_its_json_path() {
        assertThat(fieldOf("{\"lines\": [{\"reference\": \"A\\u0000\"}]}")).isEqualTo("lines[0].reference");
        assertThat(fieldOf("{\"title\": \"x\\ud800y\"}")).isEqualTo("title");
        assertThat(fieldOf("{\"a\": {\"b\\u0000\": 1}}")).isEqualTo("a.b\u0000");
        assertThat(fieldOf("\"\\udc00\"")).isEqualTo("body");
    }

    @Test
    void paired_surrogates_emoji_accents_and_malformed_json_pass_the_edge() {
        for (String ok : new String[] {"{\"name\": \"Rosier 🌹 à l'ancienne\"}", "{\"x\": \"\\ud83c\\udf39\"}", "{\"broken\": ", "[[[]]]"}) {
            assertThatCode(() -> HostileText.checkJson(ok.getBytes(StandardCharsets.UTF_8), 100)).as(ok).doesNotThrowAnyException();
        }
    }

    @Test
    void query_values_are_checked_the_same_way() {
        ApiProblem p = catchThrowableOfType(ApiProblem.class, () -> HostileText.check("search", "rose\u0000", 100));
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.errors().get(0).field()).isEqualTo("search");
    }

    @Test
    void text_over_the_platform_maximum_is_refused_naming_its_field_and_its_length() {
        String json = "{\"notes\": [\"short\", \"" + "x".repeat(101) + "\"]}";
        ApiProblem p = catchThrowableOfType(ApiProblem.class, () -> HostileText.checkJson(json.getBytes(StandardCharsets.UTF_8), 100));
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.errors().get(0).field()).isEqualTo("notes[1]");
        assertThat(p.errors().get(0).reason()).contains("longer than 100 characters (101)");
        assertThatCode(() -> HostileText.check("q", "x".repeat(100), 100)).doesNotThrowAnyException();
    }

    private static String fieldOf(String json) {
        ApiProblem p = catchThrowableOfType(ApiProblem.class, () -> HostileText.checkJson(json.getBytes(StandardCharsets.UTF_8), 100));
        assertThat(p).as(json).isNotNull();
        assertThat(p.status()).isEqualTo(400);
        return p.errors().get(0).field();
    }
}
