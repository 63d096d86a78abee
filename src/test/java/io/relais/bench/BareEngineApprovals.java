package io.relais.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.task.Task;

/**
 * The approval benchmark's anchor: the same BPMN and DMN ({@code processes/order-approval.bpmn}, {@code
 * order-approver.dmn}) on a bare Camunda engine in this JVM, on its own database of the same PostgreSQL, with the same
 * history level and job executor settings, its service tasks and listeners doing nothing. What the engine alone
 * costs for this process on this machine; the rest of Relais' figure is orders, stock and Camel.
 */
final class BareEngineApprovals implements AutoCloseable {

    private static final String DATABASE = "relais_bench_bare_engine";

    private final ProcessEngine engine;
    private final com.zaxxer.hikari.HikariDataSource dataSource;

    /** A bare engine with the history level and job executor settings of {@code relais}, Relais' own engine. */
    BareEngineApprovals(int postgresPort, org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl relais) throws SQLException {
        String server = "jdbc:postgresql://127.0.0.1:" + postgresPort + "/";
        try (Connection c = DriverManager.getConnection(server + "postgres", "postgres", "")) {
            c.createStatement().execute("drop database if exists " + DATABASE);
            c.createStatement().execute("create database " + DATABASE);
        }
        StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
        com.zaxxer.hikari.HikariConfig pool = new com.zaxxer.hikari.HikariConfig();
        pool.setJdbcUrl(server + DATABASE);
        pool.setUsername("postgres");
        pool.setPassword("");
        pool.setMaximumPoolSize(30); // as Relais' own pool (spring.datasource.hikari.maximum-pool-size)
        pool.setPoolName("bare-engine");
        dataSource = new com.zaxxer.hikari.HikariDataSource(pool);
        config.setDataSource(dataSource);
        // as the Spring Boot starter configures Relais' engine (the default generator takes a second connection per id block)
        config.setIdGenerator(new org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator());
        config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        config.setHistory(relais.getHistoryLevel().getName());
        config.setProcessEngineName("bare-bench-engine");
        config.setJobExecutorActivate(true);
        config.setEnforceHistoryTimeToLive(false);
        var jobs = new org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor();
        var relaisJobs = relais.getJobExecutor();
        jobs.setMaxJobsPerAcquisition(relaisJobs.getMaxJobsPerAcquisition());
        jobs.setWaitTimeInMillis(relaisJobs.getWaitTimeInMillis());
        jobs.setMaxWait(relaisJobs.getMaxWait());
        jobs.setLockTimeInMillis(relaisJobs.getLockTimeInMillis());
        if (relaisJobs instanceof org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor spring
                && spring.getTaskExecutor() instanceof org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor threads) {
            jobs.setCorePoolSize(threads.getCorePoolSize());
            jobs.setMaxPoolSize(threads.getMaxPoolSize());
            jobs.setQueueSize(threads.getQueueCapacity());
        }
        config.setJobExecutor(jobs);
        System.out.printf("  bare engine: history %s, job executor %d-%d threads, queue %d, %d jobs per acquisition, wait %d-%d ms%n",
                config.getHistory(), jobs.getCorePoolSize(), jobs.getMaxPoolSize(), jobs.getQueueSize(),
                jobs.getMaxJobsPerAcquisition(), jobs.getWaitTimeInMillis(), jobs.getMaxWait());
        Map<Object, Object> beans = new HashMap<>();
        beans.put("callRoute", (JavaDelegate) execution -> execution.setVariable("reservation", "CONFIRMED"));
        beans.put("orderApproval", new NoOpListeners());
        config.setBeans(beans);
        engine = config.buildProcessEngine();
        engine.getRepositoryService().createDeployment().name("bench")
                .addClasspathResource("processes/order-approval.bpmn")
                .addClasspathResource("processes/order-approver.dmn").deploy();
    }

    /** What the process's listeners call on Relais' orderApproval bean, doing nothing. */
    public static final class NoOpListeners {
        public void autoApproved(DelegateExecution execution) {
        }

        public void taskCreated(DelegateTask task, String state) {
        }

        public void taskCompleted(DelegateTask task) {
        }

        public void enter(DelegateExecution execution, String state) {
        }
    }

    /** Starts {@code count} instances from 16 threads; with {@code approvers}, 8 workers complete their tasks. Instances/s to the last end. */
    double run(int count, String customerType, boolean approvers) throws Exception {
        long before = finished();
        ExecutorService managers = Executors.newFixedThreadPool(8);
        Set<String> handedOut = ConcurrentHashMap.newKeySet();
        Thread dispatcher = new Thread(() -> {
            while (approvers && !Thread.currentThread().isInterrupted()) {
                for (Task t : engine.getTaskService().createTaskQuery().taskDefinitionKey("user_task_approve_order").listPage(0, 200)) {
                    if (handedOut.add(t.getId())) {
                        managers.submit(() -> engine.getTaskService().complete(t.getId(), Map.of("approved", true)));
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bare-engine-task-dispatcher");
        long t0 = System.nanoTime();
        dispatcher.start();
        AtomicInteger left = new AtomicInteger(count);
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            done.add(clients.submit(() -> {
                int n;
                while ((n = left.getAndDecrement()) > 0) {
                    engine.getRuntimeService().startProcessInstanceByKey("order-approval", "bare-" + customerType + "-" + n,
                            variables(customerType));
                }
                return null;
            }));
        }
        for (Future<?> f : done) f.get();
        clients.shutdown();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (finished() < before + count) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("bare engine instances did not finish in 5 minutes");
            Thread.sleep(50);
        }
        double perSecond = count / ((System.nanoTime() - t0) / 1e9);
        dispatcher.interrupt();
        managers.shutdown();
        return perSecond;
    }

    private long finished() {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("order-approval").finished().count();
    }

    /** The variables Relais starts an order's approval with (OrderApproval.startVariables), for one line of 1,500 EUR. */
    private static Map<String, Object> variables(String customerType) {
        Map<String, Object> v = new HashMap<>();
        v.put("orderId", java.util.UUID.randomUUID().toString());
        v.put("customer", "bench");
        v.put("customerType", customerType);
        v.put("total", 1500.0);
        v.put("totalText", "1500.00 EUR");
        v.put("linesText", "1 x APB Serre bench @ 1500.00 = 1500.00");
        v.put("shortagesText", "none");
        v.put("needsApproval", true);
        v.put("allowSplit", false);
        v.put("escalateAfter", "PT24H");
        v.put("adminTimeout", "PT48H");
        v.put("stockLeadTime", "P14D");
        v.put("stockRecheck", "PT1H");
        long now = System.currentTimeMillis();
        v.put("approvalDue", new java.util.Date(now + Duration.ofHours(24).toMillis()));
        v.put("adminDue", new java.util.Date(now + Duration.ofHours(72).toMillis()));
        return v;
    }

    @Override
    public void close() {
        engine.close();
        dataSource.close();
    }
}
