/**
 * Data mechanisms the domains share: the transactional outbox, SQL helpers.
 * A named interface of the platform module: the domains may use its public types.
 */
@org.springframework.modulith.NamedInterface("data")
package io.relais.platform.data;
