package io.relais.platform.schedule;

import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.quartz.Scheduler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * camel-quartz runs on Spring's Quartz scheduler, whose JDBC job store is clustered (spring.quartz.* settings):
 * every node schedules the same triggers and each tick fires on exactly one node. Camel starts the scheduler once
 * its context is registered, so no job fires into a half-started node (spring.quartz.auto-startup=false).
 */
@Configuration(proxyBeanMethods = false)
class ScheduleConfiguration {

    @Bean
    ComponentCustomizer quartzOnClusteredScheduler(Scheduler scheduler) {
        return ComponentCustomizer.forType(QuartzComponent.class, quartz -> quartz.setScheduler(scheduler));
    }
}
