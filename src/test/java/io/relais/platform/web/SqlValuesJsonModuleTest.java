package io.relais.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Rows straight from queryForList (SQL arrays, jsonb) serialise as JSON with the application's mapper. */
class SqlValuesJsonModuleTest extends AppTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper mapper;

    @Test
    void sql_arrays_and_jsonb_become_json() throws Exception {
        Map<String, Object> row = jdbc.queryForMap("select array['a','b'] as tags, '{\"k\": 1}'::jsonb as doc, array[1,2] as numbers");
        assertThat(mapper.writeValueAsString(row)).isEqualTo("{\"tags\":[\"a\",\"b\"],\"doc\":{\"k\": 1},\"numbers\":[1,2]}");
    }
}
