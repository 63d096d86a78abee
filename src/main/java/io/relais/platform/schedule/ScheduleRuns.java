package io.relais.platform.schedule;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.util.Date;

import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Records each schedule firing with the node that ran it ({@code platform.schedule_runs}). */
@Component("scheduleRuns")
public class ScheduleRuns {

    private static final Logger log = LoggerFactory.getLogger(ScheduleRuns.class);
    static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    private final JdbcClient jdbc;

    ScheduleRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(@Header("RelaisSchedule") String schedule, @Header("scheduledFireTime") Date scheduledFireTime) {
        jdbc.sql("insert into platform.schedule_runs (schedule, scheduled_fire_time, node) values (:schedule, :firedFor, :node)")
                .param("schedule", schedule).param("firedFor", scheduledFireTime == null ? null : new Timestamp(scheduledFireTime.getTime()))
                .param("node", NODE).update();
        log.debug("Schedule {} fired for {} on {}", schedule, scheduledFireTime, NODE);
    }
}
