/**
 * Who calls: tokens, roles, the REST access gate, and the caller headers a route reads.
 * A named interface of the platform module: the domains may use its public types.
 */
@org.springframework.modulith.NamedInterface("security")
package io.relais.platform.security;
