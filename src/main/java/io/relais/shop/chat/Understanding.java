package io.relais.shop.chat;

import java.util.List;

/**
 * A message understood: the intent, its slots (ordered items, a product text, an order id) and the language to answer
 * in ("fr", "en", or null when the message does not tell, e.g. "10 ROS-001").
 */
public record Understanding(ChatIntent intent, List<Item> items, String product, String orderId, String language) {

    /** One wanted item: a quantity and either a reference (ROS-001) or words naming a product ("sacs de terreau"). */
    public record Item(int quantity, String reference, String words) {
    }

    public boolean french() {
        return !"en".equals(language);
    }

    public Understanding inLanguage(String fallback) {
        return language != null ? this : new Understanding(intent, items, product, orderId, fallback);
    }
}
