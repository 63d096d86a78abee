package io.relais.platform.ops;

/**
 * What a domain keeps and for how long: the daily housekeeping runs every rule registered as a bean and records what
 * each removed under its name. The platform knows no domain's tables; a switched-off domain registers no rule.
 */
public interface RetentionRule {

    /** The key in the housekeeping report ({@code etl_runs}, {@code measurement_partitions}). */
    String name();

    /** Removes what is past its retention; answers what it removed (a count or the names). */
    Object apply();
}
