package io.relais.shop.chat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.relais.platform.web.ApiProblem;
import io.relais.shop.catalog.ProductSearch;
import io.relais.shop.catalog.Recommendations;
import io.relais.platform.security.Caller;
import io.relais.shop.orders.OrderRequest;
import io.relais.shop.orders.OrderService;
import io.relais.shop.orders.OrderView;
import org.springframework.stereotype.Component;

/**
 * What the chat can do in the shop, whoever understood the message (the rules or a model through its tools): find
 * products, tell stock, propose an order, place it once the customer said yes, tell an order's status, recommend.
 * Everything goes through the shop's own services, so prices come from the catalog, quantities and references are
 * validated by the order service, and a customer only ever sees and places their own orders.
 */
@Component("shopAssistant")
public class ShopAssistant {

    static final int MAX_QUANTITY = 10_000;

    private final ProductSearch search;
    private final Recommendations recommendations;
    private final OrderService orders;

    ShopAssistant(ProductSearch search, Recommendations recommendations, OrderService orders) {
        this.search = search;
        this.recommendations = recommendations;
        this.orders = orders;
    }

    public List<ProductSearch.Item> search(String words, int limit) {
        if (words == null || words.isBlank()) return List.of();
        return search.search(words, null, null, null, null, "0", String.valueOf(limit), null).items();
    }

    /** A reference, or the best match for the words. */
    public Optional<ProductSearch.Item> resolve(String reference, String words) {
        if (reference != null && !reference.isBlank()) return search.find(reference);
        List<ProductSearch.Item> hits = search(words, 1);
        return hits.isEmpty() ? Optional.empty() : Optional.of(hits.get(0));
    }

    public String stockText(String referenceOrWords, boolean french) {
        List<ProductSearch.Item> items = new ArrayList<>();
        search.find(referenceOrWords == null ? "" : referenceOrWords).ifPresent(items::add);
        if (items.isEmpty()) items.addAll(search(referenceOrWords, 5));
        if (items.isEmpty()) return french ? "Je ne trouve pas « " + referenceOrWords + " » dans le catalogue."
                : "I cannot find \"" + referenceOrWords + "\" in the catalog.";
        return items.stream().map(i -> french
                        ? i.reference() + " " + i.name() + " : " + (i.stock() > 0 ? i.stock() + " en stock" : "épuisé") + " (" + i.price() + " €)"
                        : i.reference() + " " + i.name() + ": " + (i.stock() > 0 ? i.stock() + " in stock" : "out of stock") + " (" + i.price() + " EUR)")
                .collect(Collectors.joining("\n"));
    }

    public String searchText(String words, boolean french) {
        List<ProductSearch.Item> items = search(words, 5);
        if (items.isEmpty()) return french ? "Aucun produit ne correspond à « " + words + " »."
                : "No product matches \"" + words + "\".";
        return items.stream().map(i -> "- " + i.reference() + " " + i.name() + " — " + i.price() + (french ? " €" : " EUR")
                + (i.stock() > 0 ? "" : french ? " (épuisé)" : " (out of stock)")).collect(Collectors.joining("\n"));
    }

    public String recommendationsText(String referenceOrWords, boolean french) {
        Optional<ProductSearch.Item> product = resolve(search.find(referenceOrWords == null ? "" : referenceOrWords).isPresent()
                ? referenceOrWords : null, referenceOrWords);
        if (product.isEmpty()) return french ? "Pour quel produit ? Donnez-moi une référence (ex. ROS-001)."
                : "For which product? Give me a reference (e.g. ROS-001).";
        var recs = recommendations.forProduct(product.get().reference(), "5");
        if (recs.isEmpty()) return french ? "Je n'ai pas de suggestion pour " + product.get().name() + "."
                : "I have no suggestion for " + product.get().name() + ".";
        return (french ? "Avec " : "With ") + product.get().name() + (french ? ", nos clients prennent :\n" : ", customers also take:\n")
                + recs.stream().map(r -> "- " + r.reference() + " " + r.name()).collect(Collectors.joining("\n"));
    }

    /** Adds lines to the session's proposal; answers the lines that could not be matched. */
    public List<String> propose(ChatSession session, String reference, String words, int quantity) {
        List<String> unmatched = new ArrayList<>();
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            unmatched.add((reference != null ? reference : words) + " (quantity " + quantity + ")");
            return unmatched;
        }
        Optional<ProductSearch.Item> product = resolve(reference, words);
        if (product.isEmpty()) {
            unmatched.add(reference != null ? reference : words);
            return unmatched;
        }
        ProductSearch.Item p = product.get();
        if (p.price() == null) { // an unpriced product cannot be ordered yet
            unmatched.add(p.reference() + " (no price yet / pas encore de prix)");
            return unmatched;
        }
        if (session.proposedAtTurn != session.turn) {
            session.proposal = new ArrayList<>();
            session.proposedAtTurn = session.turn;
        }
        session.proposal.add(new ChatSession.ProposedLine(p.reference(), p.name(), quantity, p.price()));
        return unmatched;
    }

    public String proposalText(ChatSession session, boolean french) {
        String lines = session.proposal.stream().map(l -> "- " + l.quantity() + " x " + l.reference() + " " + l.name()
                + " @ " + l.unitPrice() + " = " + l.total()).collect(Collectors.joining("\n"));
        BigDecimal total = session.proposalTotal();
        return french ? "Je vous propose :\n" + lines + "\nTotal : " + total + " €. Je passe la commande ? (oui / non)"
                : "Here is the order:\n" + lines + "\nTotal: " + total + " EUR. Shall I place it? (yes / no)";
    }

    /**
     * Places the proposal of an earlier turn, only when this turn's message was the customer's "yes". The idempotency
     * key is the session and the proposal's turn: a retried confirmation never orders twice.
     */
    public OrderView confirm(ChatSession session) {
        if (!session.userConfirmedThisTurn) throw new IllegalStateException("the customer has not confirmed");
        if (!session.hasProposal() || session.proposedAtTurn >= session.turn) {
            throw new IllegalStateException("there is no proposal from an earlier message to confirm");
        }
        if (session.customer == null) throw ApiProblem.unauthorized("sign in to order");
        OrderRequest request = new OrderRequest(null, null, session.proposal.stream()
                .map(l -> new OrderRequest.RequestedLine(l.reference(), l.quantity())).toList(), null);
        OrderView order = orders.placeFor(request, session.customer, "chat-" + session.id + "-" + session.proposedAtTurn, "chat");
        session.proposal = new ArrayList<>();
        session.placedThisTurn = order;
        return order;
    }

    public String orderText(OrderView order, boolean french) {
        String outcome = switch (order.status()) {
            case CONFIRMED -> french ? "confirmée, le stock est réservé" : "confirmed, stock reserved";
            case PENDING -> "SHORTAGE".equals(order.pendingReason())
                    ? french ? "en attente de stock (reliquat : nous vous prévenons dès la livraison)"
                             : "waiting for stock (back-ordered: we tell you when it arrives)"
                    : french ? "en attente de validation par un responsable" : "pending a manager's approval";
            case CANCELLED -> french ? "annulée" : "cancelled";
            case REJECTED -> french ? "refusée" : "rejected";
        };
        String state = order.process() != null && order.process().get("state") != null ? " [" + order.process().get("state") + "]" : "";
        return (french ? "Commande " : "Order ") + order.id() + " : " + outcome + state + (french ? ". Total " : ". Total ")
                + order.total() + (french ? " €." : " EUR.");
    }

    /** The caller's own order (staff may see any). */
    public String statusText(String orderId, Caller caller, boolean french) {
        if (caller == null) return french ? "Connectez-vous pour suivre vos commandes." : "Sign in to follow your orders.";
        if (orderId == null) {
            Optional<java.util.UUID> latest = orders.latestOf(caller.username());
            if (latest.isEmpty()) return french ? "Vous n'avez pas encore de commande." : "You have no order yet.";
            orderId = latest.get().toString();
        }
        try {
            return orderText(orders.get(orderId, caller), french);
        } catch (ApiProblem notYours) {
            return french ? "Je ne trouve pas de commande " + orderId + " à votre nom." : "I find no order " + orderId + " of yours.";
        }
    }
}
