package io.relais.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.relais.knowledge.index.VectorIndex;
import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two nodes on one PostgreSQL, without pgvector: the app's store is the node that ingests, a second store (built as a
 * second node builds it at start) answers questions. What one node stores, replaces or removes, the other finds at its
 * next question; the node that made the change never reads the source again.
 */
class KnowledgeIndexFreshnessTest extends AppTest {

    @Autowired
    KnowledgeStore store;
    @Autowired
    JdbcClient jdbcClient;
    @Autowired
    NamedParameterJdbcTemplate namedJdbc;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void what_one_node_stores_replaces_or_removes_the_other_finds_at_its_next_question() {
        assertThat(store.pgvector()).isFalse();
        UUID source = UUID.randomUUID();
        jdbcClient.sql("insert into knowledge.sources (id, owner, start_url, domain) values (:id, :owner, :url, 'example.org')")
                .param("id", source).param("owner", unique("reader")).param("url", "https://example.org/" + source).update();
        KnowledgeStore otherNode = new KnowledgeStore(jdbcClient, namedJdbc, transactions);
        otherNode.rebuildIndex();
        otherNode.reloadAtMostEvery = Duration.ZERO;
        long reloadsHere = store.reloads();
        String url = "https://example.org/roses";
        String chunk = source.toString().replace("-", "");
        float[] roses = {1, 0, 0}, tulips = {0, 1, 0};

        store.replacePage(source, url, "Roses", "v1", List.of(new KnowledgeStore.StoredChunk(chunk, source, url, "Roses", "Pruning", 0,
                "Prune climbing roses in late winter, before the buds swell.")), List.of(roses));
        assertThat(otherNode.textSearch("When do I prune climbing roses?", Set.of(source), 5)).as("before its next question").isEmpty();

        otherNode.refresh(Set.of(source));
        assertThat(otherNode.textSearch("When do I prune climbing roses?", Set.of(source), 5)).containsExactly(chunk);
        assertThat(otherNode.semanticSearch(roses, Set.of(source), 5)).extracting(VectorIndex.Hit::chunkId).containsExactly(chunk);

        // the page changes on the ingesting node: the other node forgets the old text
        store.replacePage(source, url, "Tulips", "v2", List.of(new KnowledgeStore.StoredChunk(chunk, source, url, "Tulips", "Planting", 0,
                "Plant tulip bulbs in autumn, twice as deep as they are tall.")), List.of(tulips));
        otherNode.refresh(Set.of(source));
        assertThat(otherNode.textSearch("When do I prune climbing roses?", Set.of(source), 5)).isEmpty();
        assertThat(otherNode.textSearch("How deep do tulip bulbs go?", Set.of(source), 5)).containsExactly(chunk);
        assertThat(otherNode.semanticSearch(tulips, Set.of(source), 5).get(0).score()).isGreaterThan(0.99);

        // the page vanishes from the site
        store.removeVanished(source, Set.of());
        otherNode.refresh(Set.of(source));
        assertThat(otherNode.textSearch("How deep do tulip bulbs go?", Set.of(source), 5)).isEmpty();
        assertThat(otherNode.semanticSearch(tulips, Set.of(source), 5)).isEmpty();

        // the ingesting node followed its own commits: nothing read again there
        store.refresh(Set.of(source));
        assertThat(store.reloads()).isEqualTo(reloadsHere);
        assertThat(store.textSearch("How deep do tulip bulbs go?", Set.of(source), 5)).isEmpty();
        assertThat(otherNode.reloads()).isEqualTo(3);
    }
}
