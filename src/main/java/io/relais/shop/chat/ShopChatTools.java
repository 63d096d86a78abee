package io.relais.shop.chat;

import java.util.List;

import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * The tools a model may call (routes {@code langchain4j-tools:*} tagged {@code shop} in routes/shop/chat.camel.yaml).
 * Arguments arrive as headers; the caller and the session ride on the same exchange, set by the server, never by the
 * model. Each answer is plain text for the model.
 */
@Component("shopChatTools")
public class ShopChatTools {

    private final ShopAssistant assistant;

    ShopChatTools(ShopAssistant assistant) {
        this.assistant = assistant;
    }

    public String searchProducts(@Header("query") String query,
                                 @ExchangeProperty(ModelConversation.SESSION_PROPERTY) ChatSession session) {
        return assistant.searchText(query, french(session));
    }

    public String stock(@Header("product") String product,
                        @ExchangeProperty(ModelConversation.SESSION_PROPERTY) ChatSession session) {
        return assistant.stockText(product, french(session));
    }

    public String proposeOrder(@Header("product") String product, @Header("quantity") Object quantity,
                               @ExchangeProperty(ModelConversation.SESSION_PROPERTY) ChatSession session) {
        int q;
        try {
            q = Integer.parseInt(String.valueOf(quantity).strip());
        } catch (NumberFormatException e) {
            return "quantity must be a whole number";
        }
        boolean looksLikeReference = product != null && product.strip().matches("[A-Za-z]{2,6}-\\d{1,6}");
        List<String> unmatched = assistant.propose(session, looksLikeReference ? product.strip() : null,
                looksLikeReference ? null : product, q);
        if (!unmatched.isEmpty()) return "not found or invalid: " + String.join(", ", unmatched);
        return assistant.proposalText(session, french(session));
    }

    public String confirmOrder(@ExchangeProperty(ModelConversation.SESSION_PROPERTY) ChatSession session) {
        try {
            return assistant.orderText(assistant.confirm(session), french(session));
        } catch (RuntimeException refused) {
            return "not ordered: " + refused.getMessage();
        }
    }

    public String orderStatus(@Header("orderId") String orderId, @VerifiedCaller Caller caller,
                              @ExchangeProperty(ModelConversation.SESSION_PROPERTY) ChatSession session) {
        return assistant.statusText(orderId == null || orderId.isBlank() ? null : orderId, caller, french(session));
    }

    public String recommend(@Header("product") String product,
                            @ExchangeProperty(ModelConversation.SESSION_PROPERTY) ChatSession session) {
        return assistant.recommendationsText(product, french(session));
    }

    private static boolean french(ChatSession session) {
        return session == null || !"en".equals(session.language);
    }
}
