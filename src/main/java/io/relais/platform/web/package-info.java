/**
 * The HTTP edge: problem+json errors (ApiProblem), bodies, query parameters, event streams.
 * A named interface of the platform module: the domains may use its public types.
 */
@org.springframework.modulith.NamedInterface("web")
package io.relais.platform.web;
