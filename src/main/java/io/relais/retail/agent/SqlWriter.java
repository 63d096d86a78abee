package io.relais.retail.agent;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Text-to-SQL with the configured language model (the same provider as the shop's chat: relais.shop.chat.*): the
 * views' columns go in the prompt, one SELECT comes back. Whatever it writes still passes the SqlGuard.
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

    private final ObjectProvider<ChatModel> model;

    SqlWriter(@Qualifier("chatModelProvider") ObjectProvider<ChatModel> model) {
        this.model = model;
    }

    boolean available() {
        return model.getIfAvailable() != null;
    }

    String write(String question) {
        ChatModel m = model.getIfAvailable();
        if (m == null) throw new IllegalStateException("no model configured");
        String text = m.chat(SystemMessage.from(SCHEMA), UserMessage.from(question)).aiMessage().text();
        if (text == null || text.isBlank()) throw new IllegalStateException("the model wrote no SQL");
        String sql = text.strip();
        if (sql.startsWith("```")) sql = sql.replaceAll("^```[a-zA-Z]*\\s*", "").replaceAll("\\s*```$", "");
        return sql.strip();
    }
}
