package io.relais.shop.chat;

import java.util.ArrayList;
import java.util.List;

import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import io.relais.shop.orders.OrderView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.validation.annotation.Validated;

/**
 * {@code POST /api/shop/chat}: one message in, one answer out. A configured language model answers first, through
 * the shop's tools ({@link ModelConversation}); without one, or when it fails or times out, the rules
 * ({@link ChatRules}) serve the same intents, so the chat always answers. The answer says which path served it.
 */
@Service("shopChat")
@Validated
public class ShopChat {

    private static final Logger log = LoggerFactory.getLogger(ShopChat.class);

    public record ChatMessageRequest(@Size(max = 64) String session, @NotBlank @Size(max = 2000) String message) {
    }

    public record ChatReply(String session, String reply, String intent, String servedBy, String fallbackReason,
                            List<ChatSession.ProposedLine> proposal, OrderView order) {
    }

    private final ChatSessions sessions;
    private final ShopAssistant assistant;
    private final ModelConversation model;

    ShopChat(ChatSessions sessions, ShopAssistant assistant, ModelConversation model) {
        this.sessions = sessions;
        this.assistant = assistant;
        this.model = model;
    }

    public ChatReply reply(@Body @Valid ChatMessageRequest request, @VerifiedCaller Caller caller) {
        ChatSession session = sessions.open(request.session(), Caller.nameOf(caller));
        session.turn++;
        Understanding understood = ChatRules.understand(request.message()).inLanguage(session.language);
        session.language = understood.language();
        session.userConfirmedThisTurn = understood.intent() == ChatIntent.CONFIRM;
        String fallbackReason = null;
        ChatReply reply = null;
        if (model.available()) {
            try {
                ModelConversation.Answer answered = model.answer(session, request.message(), caller);
                reply = answer(session, answered.text(), "MODEL", answered.turn().servedBy(),
                        answered.turn().notServed().isEmpty() ? null : "skipped: " + String.join("; ", answered.turn().notServed()));
            } catch (Exception e) {
                fallbackReason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                log.warn("Chat model failed ({}); the rules answer", fallbackReason);
            }
        }
        if (reply == null) reply = answer(session, rules(session, understood, caller), understood.intent().name(),
                "rules", fallbackReason);
        sessions.save(session);
        return reply;
    }

    private ChatReply answer(ChatSession session, String text, String intent, String servedBy, String fallbackReason) {
        return new ChatReply(session.id, text, intent, servedBy, fallbackReason,
                session.hasProposal() && session.proposedAtTurn == session.turn ? session.proposal : null,
                (OrderView) session.placedThisTurn);
    }

    /** The deterministic path: one intent, one action. */
    String rules(ChatSession session, Understanding u, Caller caller) {
        boolean fr = u.french();
        return switch (u.intent()) {
            case ORDER -> {
                if (u.items().isEmpty()) {
                    yield fr ? "Que voulez-vous commander ? Par exemple « 10 ROS-001 » ou « 3 sacs de terreau »."
                            : "What would you like to order? For example \"10 ROS-001\" or \"3 bags of compost\".";
                }
                List<String> unmatched = new ArrayList<>();
                for (Understanding.Item item : u.items()) {
                    unmatched.addAll(assistant.propose(session, item.reference(), item.words(), item.quantity()));
                }
                String missing = unmatched.isEmpty() ? "" : (fr ? "Je n'ai pas trouvé : " : "Not found: ")
                        + String.join(", ", unmatched) + "\n";
                if (session.proposedAtTurn != session.turn || !session.hasProposal()) {
                    yield missing + (fr ? "Donnez-moi une référence (ex. ROS-001) ou un nom de produit."
                            : "Give me a reference (e.g. ROS-001) or a product name.");
                }
                String signIn = caller == null ? (fr ? "\n(Connectez-vous pour commander.)" : "\n(Sign in to order.)") : "";
                yield missing + assistant.proposalText(session, fr) + signIn;
            }
            case CONFIRM -> {
                if (!session.hasProposal()) {
                    yield fr ? "Il n'y a rien à confirmer. Que voulez-vous commander ?" : "There is nothing to confirm. What would you like to order?";
                }
                if (caller == null) yield fr ? "Connectez-vous pour commander." : "Sign in to order.";
                yield assistant.orderText(assistant.confirm(session), fr);
            }
            case DECLINE -> {
                boolean had = session.hasProposal();
                session.proposal = new ArrayList<>();
                yield had ? (fr ? "Très bien, je n'ai rien commandé." : "Fine, nothing was ordered.")
                        : (fr ? "D'accord. Autre chose ?" : "All right. Anything else?");
            }
            case STOCK -> assistant.stockText(u.product(), fr);
            case SEARCH -> assistant.searchText(u.product(), fr);
            case RECOMMEND -> assistant.recommendationsText(u.product(), fr);
            case ORDER_STATUS -> assistant.statusText(u.orderId(), caller, fr);
            case GREETING -> fr ? "Bonjour ! Je peux chercher un produit, vérifier le stock, passer une commande (« 10 ROS-001 ») ou suivre une commande."
                    : "Hello! I can find products, check stock, take an order (\"10 ROS-001\") or follow an order.";
            case HELP, UNKNOWN -> fr ? "Je peux : chercher (« avez-vous du terreau ? »), le stock (« il reste des rosiers ? »), "
                    + "commander (« 10 ROS-001 », « je veux 3 sacs de terreau »), suivre une commande, recommander."
                    : "I can search (\"do you have compost?\"), tell stock (\"any roses left?\"), take orders "
                    + "(\"10 ROS-001\"), follow an order, recommend products.";
        };
    }
}
