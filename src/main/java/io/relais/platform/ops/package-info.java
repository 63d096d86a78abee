/**
 * Operations: backups, audit, alerts, and the mechanisms domains register into (RetentionRule, SqlGauges).
 * A named interface of the platform module: the domains may use its public types.
 */
@org.springframework.modulith.NamedInterface("ops")
package io.relais.platform.ops;
