package io.relais.retail.agent;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.data.message.ChatMessage;
import io.relais.platform.ai.ChatModelChain;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Text-to-SQL with the configured language model (the same provider as the shop's chat: relais.shop.chat.*), through
 * the route {@code direct:retail-agent-model} (camel-langchain4j-chat): the views' columns go in the prompt, one
 * SELECT comes back. Whatever it writes still passes the SqlGuard.
 */
@Component
public class SqlWriter {

    private static final String SCHEMA = """
            PostgreSQL views in schema retail (read only):
            v_sales(invoice, invoice_date timestamp, golden_id, description, customer_id, country, quantity, price, revenue)
            v_product_kpi(golden_id, stock_code, description, revenue, margin, units, orders, first_sale, last_sale, rating, reviews, variants)
            v_customer_kpi(customer_id, country, orders, revenue, basket, first_seen, last_seen, rating)
            v_country_kpi(country, customers, orders, revenue, units)
            v_alerts(golden_id, description, level ('CRITIQUE','A_SURVEILLER','OK'), rule, revenue, rating)
            v_data_quality(run_id, status, finished_at, hours_since_load, latest_invoice, rows_read, rows_loaded, rows_rejected,
                           reject_rate_pct, mdm_coverage_pct, mappings_to_review, failed_checks, warned_checks, checks_not_ok)
            Countries are in English as in the data (United Kingdom, Germany, France, EIRE, ...).
            Answer with exactly one SELECT statement and nothing else: no comments, no explanation, no code fence.
            """;

    private final ChatModelChain model;
    private final ProducerTemplate camel;

    SqlWriter(ChatModelChain model, ProducerTemplate camel) {
        this.model = model;
        this.camel = camel;
    }

    boolean available() {
        return model.available();
    }

    /** Asks the model through the route direct:retail-agent-model (camel-langchain4j-chat). */
    String write(String question) {
        if (!model.available()) throw new IllegalStateException("no model configured");
        ChatModelChain.newTurn();
        List<ChatMessage> messages = new ArrayList<>(List.of(SystemMessage.from(SCHEMA), UserMessage.from(question)));
        String text;
        try {
            text = camel.requestBody("direct:retail-agent-model", messages, String.class);
        } catch (org.apache.camel.CamelExecutionException e) {
            throw new IllegalStateException(e.getCause() == null ? e.getMessage() : e.getCause().getMessage(), e);
        }
        if (text == null || text.isBlank()) throw new IllegalStateException("the model wrote no SQL");
        String sql = text.strip();
        if (sql.startsWith("```")) sql = sql.replaceAll("^```[a-zA-Z]*\\s*", "").replaceAll("\\s*```$", "");
        return sql.strip();
    }
}
