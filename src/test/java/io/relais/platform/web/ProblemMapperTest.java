package io.relais.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

class ProblemMapperTest {

    record Order(int quantity) {
    }

    @Test
    void an_api_problem_keeps_its_status_and_fields() {
        Problem p = ProblemMapper.toProblem(ApiProblem.invalidField("price", "must not be negative"));
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.errors()).containsExactly(new ApiProblem.FieldError("price", "must not be negative"));
    }

    @Test
    void a_wrapped_problem_is_found_inside_camel_exceptions() {
        Problem p = ProblemMapper.toProblem(new CamelExecutionException("wrapped", null, ApiProblem.notFound("no product ROS-999")));
        assertThat(p.status()).isEqualTo(404);
        assertThat(p.detail()).isEqualTo("no product ROS-999");
    }

    @Test
    void a_wrong_json_type_names_the_field() throws Exception {
        Exception failure = null;
        try {
            new ObjectMapper().readValue("{\"quantity\": \"ten\"}", Order.class);
        } catch (Exception e) {
            failure = e;
        }
        Problem p = ProblemMapper.toProblem(failure);
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.errors().get(0).field()).isEqualTo("quantity");
    }

    @Test
    void a_duplicate_key_is_a_conflict() {
        assertThat(ProblemMapper.toProblem(new DuplicateKeyException("dup")).status()).isEqualTo(409);
    }

    @Test
    void anything_else_is_500_with_an_incident_id_and_no_internals() {
        Problem p = ProblemMapper.toProblem(new NullPointerException("secret detail"));
        assertThat(p.status()).isEqualTo(500);
        assertThat(p.detail()).contains("incident").doesNotContain("secret detail");
    }
}
