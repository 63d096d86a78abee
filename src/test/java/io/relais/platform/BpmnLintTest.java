package io.relais.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.relais.testsupport.Npx;
import org.junit.jupiter.api.Test;

/** The processes pass bpmnlint's recommended rules (processes/.bpmnlintrc): no problem, warnings included. */
class BpmnLintTest {

    @Test
    void processes_pass_bpmnlint_recommended() throws Exception {
        List<String> args = new ArrayList<>(List.of("--config", "processes/.bpmnlintrc", "--max-warnings=0"));
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            files.filter(f -> f.toString().endsWith(".bpmn")).sorted().forEach(f -> args.add(f.toString()));
        }
        assertThat(args).hasSizeGreaterThan(3);
        Npx.Result lint = Npx.run("bpmnlint@11.15.0", args.toArray(String[]::new));
        assertThat(lint.exitCode()).as("bpmnlint:\n" + lint.output()).isZero();
        assertThat(lint.output()).as("no warnings either").doesNotContain("warning");
    }
}
