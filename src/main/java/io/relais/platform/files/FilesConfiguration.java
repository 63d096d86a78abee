package io.relais.platform.files;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The two shared repositories behind the inbox convention. */
@Configuration(proxyBeanMethods = false)
class FilesConfiguration {

    /** Which file contents were imported (per content hash): a file is imported once per content, cluster-wide. */
    @Bean
    PostgresIdempotentRepository importedFiles(JdbcTemplate jdbc) {
        return new PostgresIdempotentRepository(jdbc, "inbox-content");
    }

    /** Read lock: which node is reading which file path right now. */
    @Bean
    PostgresIdempotentRepository inboxFileLocks(JdbcTemplate jdbc) {
        return new PostgresIdempotentRepository(jdbc, "inbox-lock");
    }
}
