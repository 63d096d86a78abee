package io.relais.platform.files;

import io.relais.platform.cluster.ClusterNode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The two shared repositories behind the inbox convention. */
@Configuration(proxyBeanMethods = false)
class FilesConfiguration {

    /** Which file contents were imported (per content hash, confirmed once the import committed): once per content, cluster-wide. */
    @Bean
    PostgresIdempotentRepository importedFiles(JdbcClient jdbc, ClusterNode node) {
        return new PostgresIdempotentRepository(jdbc, "inbox-content", node);
    }

    /** Read lock: which node is reading which file path right now (a dead node's locks expire). */
    @Bean
    PostgresIdempotentRepository inboxFileLocks(JdbcClient jdbc, ClusterNode node) {
        return new PostgresIdempotentRepository(jdbc, "inbox-lock", node);
    }
}
