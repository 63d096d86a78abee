package io.relais.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.relais.retail.etl.RetailDataGenerator;
import io.relais.testsupport.Api;
import io.relais.testsupport.ChildNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Kill -9 at busy moments, restart on the same data, and check that nothing was lost, stranded or done twice. Each
 * round drops a retail transactions file and a catalog file into the inbox and fires a burst of orders (plain, short,
 * above the approval threshold), kills the node (round 1: while the ETL run is loading; later rounds: at a random
 * moment), starts a new node on the same PostgreSQL, and asserts the invariants: no ETL run left RUNNING, every
 * dropped file loaded exactly once, every PENDING order with a live approval process, stock equal to the sum of its
 * movements.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRecoveryTest {

    private static final int ROUNDS = 3;
    private static final int CATALOG_ROWS = 20_000;

    private final Path dir = Path.of("target", "crash-test", UUID.randomUUID().toString().substring(0, 8));
    private final ObjectMapper mapper = new ObjectMapper();
    private final Random random = new Random(Long.getLong("relais.crash.seed", System.nanoTime()));
    private ChildNode.Servers servers;
    private String jdbcUrl;
    private ChildNode node;
    private int started;

    @BeforeAll
    void servers() throws Exception {
        servers = new ChildNode.Servers(dir);
        jdbcUrl = servers.jdbcUrl();
        Files.createDirectories(dir);
    }

    @AfterAll
    void stopAll() {
        if (node != null) node.stop();
        if (servers != null) servers.close();
    }

    @Test
    void killed_at_busy_moments_and_restarted_nothing_is_lost_stranded_or_done_twice() throws Exception {
        node = startNode();
        Api api = new Api(node.url(), mapper);
        String admin = api.adminToken();
        String p = "K" + UUID.randomUUID().toString().replace("-", "").substring(0, 5).toUpperCase();
        // PLN: plenty at 10 EUR; SHT: 3 in stock (orders of 5 wait for stock); BIG: 600 EUR (2 = 1,200, above the threshold)
        var catalog = api.postRaw("/api/shop/products/import", "text/csv", "reference,name,category,price,stock,stock_alert_threshold\n"
                + p + "-PLN,Plain,test,10,100000,0\n" + p + "-SHT,Short,test,10,3,0\n" + p + "-BIG,Big,test,600,100000,0\n", admin);
        assertThat(catalog.status()).as(catalog.raw().body()).isBetween(200, 299);

        List<String> retailChecksums = new ArrayList<>();
        List<String> catalogPrefixes = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            retailChecksums.add(dropRetailFile(round));
            catalogPrefixes.add(dropCatalogFile(round));
            AtomicInteger answered = new AtomicInteger();
            ExecutorService clients = orderBurst(api, admin, p, answered);
            if (round == 1) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> queryLong("select count(*) from retail.etl_runs where status = 'RUNNING' and step = 'load'") > 0);
            } else {
                Thread.sleep(300 + random.nextInt(2500));
            }
            node.kill();
            clients.shutdownNow();
            clients.awaitTermination(30, TimeUnit.SECONDS);
            System.out.printf("crash round %d: killed after %d order answers%n", round, answered.get());

            node = startNode();
            api = new Api(node.url(), mapper);
            admin = api.adminToken();
            assertInvariants(retailChecksums, catalogPrefixes, p);
        }
    }

    private void assertInvariants(List<String> retailChecksums, List<String> catalogPrefixes, String p) throws Exception {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(queryLong("select count(*) from retail.etl_runs where status = 'RUNNING'")).as("ETL runs left RUNNING").isZero();
            for (String checksum : retailChecksums) {
                assertThat(queryLong("select count(*) from retail.etl_runs where checksum = '" + checksum
                        + "' and status in ('SUCCEEDED', 'WARNED')")).as("retail file loaded exactly once").isEqualTo(1);
            }
            for (String prefix : catalogPrefixes) {
                assertThat(queryLong("select count(*) from shop.products where reference like '" + prefix + "-%'"))
                        .as("catalog " + prefix + " fully imported").isEqualTo(CATALOG_ROWS);
            }
            assertThat(filesLeftIn("retail/transactions")).isZero();
            assertThat(filesLeftIn("shop/products")).isZero();
            // and none of them went to .error/: each was imported (a report that could not be written sent them there)
            assertThat(filesLeftIn("retail/transactions/.error")).as("retail files in .error").isZero();
            assertThat(filesLeftIn("shop/products/.error")).as("catalog files in .error").isZero();
        });
        assertThat(queryLong("select count(*) from platform.inbox_files where status = 'DUPLICATE'"))
                .as("no file reported DUPLICATE: each was dropped once").isZero();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(queryLong("""
                        select count(*) from shop.orders o where o.status = 'PENDING'
                           and not exists (select 1 from public.act_ru_execution e where e.business_key_ = o.id::text)""")
                ).as("PENDING orders without an approval process").isZero());
        assertThat(queryLong("""
                select count(*) from shop.stock s
                  left join (select product_id, sum(quantity_delta) q, sum(reserved_delta) r from shop.stock_movements group by product_id) m
                    on m.product_id = s.product_id
                 where s.quantity <> coalesce(m.q, 0) or s.reserved <> coalesce(m.r, 0)""")).as("stock differing from its movements").isZero();
        assertThat(queryLong("select count(*) from (select reference from shop.products group by reference having count(*) > 1) d"))
                .as("duplicate products").isZero();
        assertThat(queryLong("select count(*) from shop.stock where quantity < 0 or reserved > quantity")).isZero();
        System.out.printf("crash invariants hold: %d orders (%d PENDING), %d ETL runs (%d ABANDONED)%n",
                queryLong("select count(*) from shop.orders"), queryLong("select count(*) from shop.orders where status = 'PENDING'"),
                queryLong("select count(*) from retail.etl_runs"), queryLong("select count(*) from retail.etl_runs where status = 'ABANDONED'"));
    }

    /** Clients placing orders until the node dies: plain ones, short ones, ones above the approval threshold. */
    private ExecutorService orderBurst(Api api, String token, String p, AtomicInteger answered) {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int c = 0; c < 8; c++) {
            int client = c;
            clients.submit(() -> {
                for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                    String[] kind = switch ((client + i) % 3) {
                        case 0 -> new String[] {p + "-PLN", "1"};
                        case 1 -> new String[] {p + "-SHT", "5"};
                        default -> new String[] {p + "-BIG", "2"};
                    };
                    try {
                        api.post("/api/shop/orders", Map.of("lines", List.of(Map.of("reference", kind[0],
                                "quantity", Integer.parseInt(kind[1])))), token);
                        answered.incrementAndGet();
                    } catch (RuntimeException connectionLost) {
                        return;
                    }
                }
            });
        }
        return clients;
    }

    private String dropRetailFile(int round) throws Exception {
        Path feed = Files.createDirectories(dir.resolve("inbox/retail/transactions"));
        Path part = dir.resolve("retail-" + round + ".part");
        try (Writer out = Files.newBufferedWriter(part)) {
            RetailDataGenerator.write(out, 150_000, 1000 + round, "ii");
        }
        String checksum = sha256(part);
        Files.move(part, feed.resolve("online-retail-" + round + ".csv"));
        return checksum;
    }

    private String dropCatalogFile(int round) throws Exception {
        Path feed = Files.createDirectories(dir.resolve("inbox/shop/products"));
        String prefix = "C" + round + UUID.randomUUID().toString().replace("-", "").substring(0, 4).toUpperCase();
        Path part = dir.resolve("catalog-" + round + ".part");
        try (Writer out = Files.newBufferedWriter(part)) {
            out.write("reference,name,category,price,stock,stock_alert_threshold\n");
            for (int i = 0; i < CATALOG_ROWS; i++) {
                out.write(prefix + "-" + i + ",Plant " + i + ",plants," + (1 + i % 50) + "," + (i % 20) + ",2\n");
            }
        }
        Files.move(part, feed.resolve("catalog-" + round + ".csv"));
        return prefix;
    }

    private long filesLeftIn(String feed) throws Exception {
        if (!Files.isDirectory(dir.resolve("inbox").resolve(feed))) return 0;
        try (Stream<Path> files = Files.list(dir.resolve("inbox").resolve(feed))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private ChildNode startNode() throws Exception {
        return ChildNode.start("n" + (++started), dir, jdbcUrl, servers.redis.port(), List.of(
                "--relais.cluster.node-timeout=3s", "--relais.cluster.heartbeat-interval=500ms",
                "--relais.rate-limits[0].name=auth", "--relais.rate-limits[0].match[0]=POST /api/auth/**",
                "--relais.rate-limits[0].limit=10000", "--relais.rate-limits[0].window=1m",
                "--camunda.bpm.job-execution.lock-time-in-millis=10000"));
    }

    private static String sha256(Path file) throws Exception {
        var digest = java.security.MessageDigest.getInstance("SHA-256");
        digest.update(Files.readAllBytes(file));
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    private long queryLong(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
