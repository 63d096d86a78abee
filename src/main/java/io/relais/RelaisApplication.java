package io.relais;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Relais: Camel routes (routes/), Camunda processes (processes/), PostgreSQL and Redis, on one Spring Boot app.
 * With no database configured it starts embedded PostgreSQL and Redis (see platform.embedded).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RelaisApplication {
    public static void main(String[] args) {
        SpringApplication.run(RelaisApplication.class, args);
    }
}
