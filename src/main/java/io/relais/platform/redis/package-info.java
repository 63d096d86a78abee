/**
 * Redis behind a circuit breaker: a dead Redis degrades, never fails, a request.
 * A named interface of the platform module: the domains may use its public types.
 */
@org.springframework.modulith.NamedInterface("redis")
package io.relais.platform.redis;
