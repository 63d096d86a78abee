package io.relais.shop.chat;

/** What a chat message asks for. */
public enum ChatIntent {
    ORDER, CONFIRM, DECLINE, STOCK, ORDER_STATUS, SEARCH, RECOMMEND, GREETING, HELP, UNKNOWN
}
