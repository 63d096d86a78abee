package io.relais.platform.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code relais.exit-after-start=true}: a start that stops itself once Relais is ready, the way a normal stop does
 * (routes, jobs, embedded servers closed, then the JVM exits). The Docker build's training start uses it: the JVM
 * writes its class data sharing archive at exit, with every class a whole start loads (web server, routes, job
 * executor included), and leaves no embedded server running behind it.
 */
@Component
@ConditionalOnProperty(name = "relais.exit-after-start", havingValue = "true")
class ExitAfterStart {

    private static final Logger log = LoggerFactory.getLogger(ExitAfterStart.class);

    @EventListener(ApplicationReadyEvent.class)
    void ready(ApplicationReadyEvent event) {
        log.info("relais.exit-after-start: Relais started; stopping once the start has returned");
        // after the thread that publishes the event has finished the start (the other ready listeners included)
        Thread starting = Thread.currentThread();
        Thread stop = new Thread(() -> {
            try {
                starting.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.exit(SpringApplication.exit(event.getApplicationContext()));
        }, "exit-after-start");
        stop.start();
    }
}
