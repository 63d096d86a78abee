package io.relais.platform.ops;

import java.lang.management.ManagementFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The one start-up message a user needs: Relais is ready, and where to go (the framework chatter is left at WARN). */
@Component
class ReadyReport {

    private static final Logger log = LoggerFactory.getLogger(ReadyReport.class);

    @EventListener(ApplicationReadyEvent.class)
    void ready(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web) || web.getWebServer() == null) return;
        String base = "http://localhost:" + web.getWebServer().getPort();
        long seconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
        log.info("""

                ==== Relais is ready on {} (started in {} s) ====
                  API explorer        {}/swagger-ui.html   (OpenAPI: {}/api/openapi.json)
                  Cockpit, Tasklist   {}/camunda           (sign in with a Relais account)
                  Health              {}/actuator/health
                  File drops          inbox/<domain>/<feed>/ (inbox/shop/products, inbox/retail/transactions...)
                """, base, seconds, base, base, base, base);
    }
}
