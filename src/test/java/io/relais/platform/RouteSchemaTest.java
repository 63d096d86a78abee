package io.relais.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Every route file validates against the JSON schema camel-yaml-dsl 4.17 ships, as the ecosystem's tools check them. */
class RouteSchemaTest {

    @Test
    void every_route_file_validates_against_the_camel_yaml_dsl_schema() throws Exception {
        JsonSchema schema;
        try (InputStream in = org.apache.camel.dsl.yaml.YamlRoutesBuilderLoader.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
            assertThat(in).as("the schema inside camel-yaml-dsl").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        ObjectMapper json = new ObjectMapper();
        List<String> problems = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("routes"))) {
            files = walk.filter(p -> p.toString().endsWith(".camel.yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        for (Path file : files) {
            Object yaml = new Yaml(new LoaderOptions()).load(Files.readString(file));
            JsonNode routes = json.valueToTree(yaml);
            // a wrong value fails every alternative of a oneOf: the leaf messages ("integer found, string expected") say why
            List<String> all = schema.validate(routes).stream().map(m -> file + ": " + m.getMessage()).toList();
            List<String> leaves = all.stream().filter(m -> !m.contains("required property")
                    && !m.contains("must be valid to one and only one schema") && !m.contains("must not be valid to the schema")).toList();
            problems.addAll(leaves.isEmpty() ? all : leaves);
        }
        assertThat(problems).as("schema violations").isEmpty();
    }
}
