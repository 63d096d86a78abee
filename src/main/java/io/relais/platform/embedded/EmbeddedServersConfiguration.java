package io.relais.platform.embedded;

import java.nio.file.Path;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Embedded PostgreSQL and Redis as beans, present only when {@link EmbeddedServersEnvironment} chose them.
 * The data source and the Redis connection factory depend on them, so the servers start first and stop last.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedServersConfiguration {

    @Bean(destroyMethod = "stop")
    @ConditionalOnProperty("relais.embedded.postgres.active")
    EmbeddedPostgresServer embeddedPostgresServer(Environment env) {
        Path dir = Path.of(env.getProperty("relais.data-dir", "data")).resolve("pg");
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(dir,
                env.getRequiredProperty("relais.embedded.postgres.effective-port", Integer.class));
        server.start();
        return server;
    }

    @Bean(destroyMethod = "stop")
    @ConditionalOnProperty("relais.embedded.redis.active")
    EmbeddedRedisServer embeddedRedisServer(Environment env) {
        Path dir = Path.of(env.getProperty("relais.data-dir", "data")).resolve("redis");
        EmbeddedRedisServer server = new EmbeddedRedisServer(dir,
                env.getRequiredProperty("relais.embedded.redis.effective-port", Integer.class));
        server.start();
        return server;
    }

    @Bean
    static BeanFactoryPostProcessor embeddedServersStartFirst() {
        return beanFactory -> {
            dependOn(beanFactory, "dataSource", "embeddedPostgresServer");
            // Camunda reaches the data source through its configuration, a dependency Spring does not see: without
            // this, PostgreSQL may stop first and the engine's close waits for a connection until the JVM is killed
            dependOn(beanFactory, "processEngineFactoryBean", "embeddedPostgresServer");
            dependOn(beanFactory, "redisConnectionFactory", "embeddedRedisServer");
        };
    }

    private static void dependOn(org.springframework.beans.factory.config.ConfigurableListableBeanFactory beanFactory,
                                 String bean, String server) {
        if (!beanFactory.containsBeanDefinition(bean) || !beanFactory.containsBeanDefinition(server)) return;
        BeanDefinition definition = beanFactory.getBeanDefinition(bean);
        String[] current = definition.getDependsOn();
        String[] next = current == null ? new String[] {server} : append(current, server);
        definition.setDependsOn(next);
    }

    private static String[] append(String[] values, String value) {
        String[] result = java.util.Arrays.copyOf(values, values.length + 1);
        result[values.length] = value;
        return result;
    }
}
