package io.relais.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

/**
 * Order-approval throughput: orders placed over HTTP (16 clients) whose approval processes run to the end, counted
 * from the first order to the last completed instance. Auto path: professional orders the DMN approves; user-task
 * path: retail orders whose tasks 8 "managers" complete as fast as the engine hands them out. Anchors: the same BPMN on a
 * bare engine in this JVM ({@link BareEngineApprovals}), and confirmed orders per second over the same HTTP path with no
 * process (under the approval threshold).
 */
final class ApprovalBenchmark implements Benchmark {

    private static final int ORDERS = 400;
    private static final int CLIENTS = 16;

    @Override
    public String name() {
        return "shop-approval";
    }

    @Override
    public String description() {
        return ORDERS + " approval processes per path (auto-approved, user task) vs plain confirmed orders";
    }

    @Override
    public List<Figure> run(BenchEnvironment env) throws Exception {
        String admin = env.api.signin("admin", BenchEnvironment.ADMIN_PASSWORD);
        String ref = "APB-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        var imported = env.api.postRaw("/api/shop/products/import", "text/csv",
                "reference,name,category,price,stock,stock_alert_threshold\n" + ref + ",Serre bench,abris,1500,10000000,0\n"
                        + ref + "S,Graines bench,semences,2,10000000,0\n", admin);
        if (imported.status() != 200) throw new IllegalStateException("import failed: " + imported.raw().body());
        String customer = env.api.signup("approval-" + UUID.randomUUID().toString().substring(0, 8), "bench-password-1")
                .text("access_token");
        HistoryService history = env.bean(HistoryService.class);
        TaskService tasks = env.bean(TaskService.class);

        double plain = place(env, customer, ref + "S", "retail", ORDERS) / 1.0;
        long before = history.createHistoricProcessInstanceQuery().processDefinitionKey("order-approval").finished().count();
        long t0 = System.nanoTime();
        place(env, customer, ref, "professional", ORDERS);
        awaitFinished(history, before + ORDERS);
        double auto = ORDERS / ((System.nanoTime() - t0) / 1e9);

        before = history.createHistoricProcessInstanceQuery().processDefinitionKey("order-approval").finished().count();
        t0 = System.nanoTime();
        // one dispatcher hands each open task to exactly one of 8 "managers"
        ExecutorService managers = Executors.newFixedThreadPool(8);
        java.util.Set<String> handedOut = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Thread dispatcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                List<Task> open = tasks.createTaskQuery().taskDefinitionKey("user_task_approve_order").listPage(0, 200);
                for (Task t : open) {
                    if (handedOut.add(t.getId())) managers.submit(() -> tasks.complete(t.getId(), java.util.Map.of("approved", true)));
                }
                // the process starts asynchronously (after the order's commit): tasks keep coming after the last POST,
                // so the dispatcher runs until the main thread has seen every instance finish
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-task-dispatcher");
        dispatcher.start();
        place(env, customer, ref, "retail", ORDERS);
        awaitFinished(history, before + ORDERS);
        double userTask = ORDERS / ((System.nanoTime() - t0) / 1e9);
        dispatcher.interrupt();
        managers.shutdown();
        managers.awaitTermination(5, TimeUnit.SECONDS);
        double bareAuto, bareUserTask;
        try (BareEngineApprovals bare = new BareEngineApprovals(env.postgresPort(),
                env.bean(org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl.class))) {
            bare.run(50, "professional", false); // warm-up
            bareAuto = bare.run(ORDERS, "professional", false);
            bareUserTask = bare.run(ORDERS, "retail", true);
        }
        return List.of(
                new Figure("auto path", auto, "inst/s", "bare engine inst/s", bareAuto, true),
                new Figure("user-task path", userTask, "inst/s", "bare engine inst/s", bareUserTask, true),
                new Figure("auto path", auto, "inst/s", "plain orders/s", plain, true));
    }

    /** Places {@code count} one-line orders at 16 clients; answers orders per second. */
    private static double place(BenchEnvironment env, String token, String reference, String customerType, int count)
            throws Exception {
        ObjectMapper json = env.bean(ObjectMapper.class);
        String body = json.writeValueAsString(java.util.Map.of("customerType", customerType,
                "lines", List.of(java.util.Map.of("reference", reference, "quantity", 1))));
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(count);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        var http = java.net.http.HttpClient.newHttpClient();
        long t0 = System.nanoTime();
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            done.add(clients.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    var r = http.send(HttpRequest.newBuilder(URI.create(env.baseUrl + "/api/shop/orders"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() != 201 && r.statusCode() != 202) throw new IllegalStateException("HTTP " + r.statusCode());
                }
                return null;
            }));
        }
        for (var f : done) f.get();
        clients.shutdown();
        return count / ((System.nanoTime() - t0) / 1e9);
    }

    private static void awaitFinished(HistoryService history, long finished) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (history.createHistoricProcessInstanceQuery().processDefinitionKey("order-approval").finished().count() < finished) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("approval processes did not finish in 5 minutes");
            Thread.sleep(50);
        }
    }
}
