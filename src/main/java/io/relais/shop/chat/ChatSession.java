package io.relais.shop.chat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One conversation, kept in Redis between messages: whose it is, the order proposed and awaiting a "yes", the turn
 * counter, and (for the model path) the recent messages. Mutable: the tools of the current turn update it.
 */
public class ChatSession {

    public String id;
    public String customer;
    public int turn;
    public String language = "fr";
    public List<ProposedLine> proposal = new ArrayList<>();
    public int proposedAtTurn;
    public String historyJson;
    /** This turn's user message was a confirmation (set by the rules, read by the confirm tool). Not stored. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public transient boolean userConfirmedThisTurn;
    /** The order placed during this turn, if any. Not stored. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public transient Object placedThisTurn;

    public record ProposedLine(String reference, String name, int quantity, BigDecimal unitPrice) {

        public BigDecimal total() {
            return unitPrice.multiply(BigDecimal.valueOf(quantity));
        }
    }

    public boolean hasProposal() {
        return proposal != null && !proposal.isEmpty();
    }

    public BigDecimal proposalTotal() {
        return proposal.stream().map(ProposedLine::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
