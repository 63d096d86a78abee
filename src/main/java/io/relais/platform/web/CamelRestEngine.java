package io.relais.platform.web;

import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;

/** The starter's engine, making {@link CamelRestConsumer}s: Camel REST on the servlet container's request thread. */
class CamelRestEngine extends SpringBootPlatformHttpEngine {

    CamelRestEngine(int port) {
        super(port);
    }

    /** The consumer's executor is only used if Spring MVC's own adapter ever calls the starter's {@code service}. */
    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        return new CamelRestConsumer(endpoint, processor, Runnable::run);
    }
}
