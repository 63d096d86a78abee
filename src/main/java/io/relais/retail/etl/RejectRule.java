package io.relais.retail.etl;

/** Why a transaction line was not loaded (each counted per run, with samples). */
public enum RejectRule {
    MALFORMED, CANCELLATION, NON_POSITIVE_QUANTITY, NON_POSITIVE_PRICE, MISSING_CUSTOMER, DUPLICATE
}
