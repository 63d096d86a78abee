/**
 * The embedded default: real PostgreSQL and Redis started from Maven artifacts when none is configured.
 * A named interface of the platform module: the domains may use its public types.
 */
@org.springframework.modulith.NamedInterface("embedded")
package io.relais.platform.embedded;
