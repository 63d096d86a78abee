package io.relais.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AccessRulesTest {

    private static final Set<String> PUBLIC_WRITES = Set.of("POST /api/auth/signin");

    private final AccessRules rules = new AccessRules(List.of(
            AccessRules.endpoint("get", "/api/shop/products", null, List.of(), PUBLIC_WRITES),
            AccessRules.endpoint("get", "/api/shop/products/{reference}", null, List.of(), PUBLIC_WRITES),
            AccessRules.endpoint("post", "/api/shop/products/import", List.of("admin,manager"), List.of("text/csv"), PUBLIC_WRITES),
            AccessRules.endpoint("post", "/api/shop/orders", null, List.of("application/json"), PUBLIC_WRITES),
            AccessRules.endpoint("post", "/api/auth/signin", null, List.of("application/json"), PUBLIC_WRITES),
            AccessRules.endpoint("get", "/api/auth/session", List.of(""), List.of(), PUBLIC_WRITES)));

    @Test
    void reads_without_security_are_public() {
        assertThat(rules.find("GET", "/api/shop/products").access()).isEqualTo(RestEndpoint.Access.PUBLIC);
        assertThat(rules.find("HEAD", "/api/shop/products/ROS-001").access()).isEqualTo(RestEndpoint.Access.PUBLIC);
    }

    @Test
    void writes_need_a_token_unless_listed_as_public() {
        assertThat(rules.find("POST", "/api/shop/orders").access()).isEqualTo(RestEndpoint.Access.AUTHENTICATED);
        assertThat(rules.find("POST", "/api/auth/signin").access()).isEqualTo(RestEndpoint.Access.PUBLIC);
    }

    @Test
    void security_scopes_are_the_roles_any_of_which_is_enough() {
        RestEndpoint imports = rules.find("POST", "/api/shop/products/import");
        assertThat(imports.access()).isEqualTo(RestEndpoint.Access.ROLES);
        assertThat(imports.roles()).containsExactly("admin", "manager");
        assertThat(imports.consumes()).containsExactly("text/csv");
        assertThat(rules.find("GET", "/api/auth/session").access()).isEqualTo(RestEndpoint.Access.AUTHENTICATED);
    }

    @Test
    void the_most_specific_path_wins_over_a_template() {
        assertThat(rules.find("POST", "/api/shop/products/import").path().getPatternString()).isEqualTo("/api/shop/products/import");
    }

    @Test
    void paths_outside_the_contract_are_not_matched() {
        assertThat(rules.find("GET", "/actuator/health")).isNull();
        assertThat(rules.find("DELETE", "/api/shop/products")).isNull();
    }

    @Test
    void caller_with_any_listed_role_is_enough() {
        Caller manager = new Caller(java.util.UUID.randomUUID(), "m", Set.of("manager"), "t", java.time.Instant.MAX);
        assertThat(manager.hasAnyRole(Set.of("admin", "manager"))).isTrue();
        assertThat(manager.hasAnyRole(Set.of("admin"))).isFalse();
    }
}
