package io.relais.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relais.platform.web.ApiProblem;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void the_list_holds_at_least_ten_thousand_common_passwords() {
        assertThat(PasswordPolicy.size()).isGreaterThanOrEqualTo(10_000);
    }

    @Test
    void common_passwords_and_the_username_are_refused_saying_why() {
        assertThatThrownBy(() -> PasswordPolicy.check("alice", "password")).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("most common passwords");
        assertThatThrownBy(() -> PasswordPolicy.check("alice", "ILoveYou")).hasMessageContaining("most common");
        assertThatThrownBy(() -> PasswordPolicy.check("gardener", "GARDENER")).hasMessageContaining("must not be the username");
        assertThatThrownBy(() -> PasswordPolicy.check("gardener", "renedrag")).hasMessageContaining("must not be the username");
    }

    @Test
    void a_phrase_of_ones_own_passes() {
        assertThatCode(() -> PasswordPolicy.check("alice", "rosebush-42")).doesNotThrowAnyException();
        assertThatCode(() -> PasswordPolicy.check("alice", "three green watering cans")).doesNotThrowAnyException();
    }
}
