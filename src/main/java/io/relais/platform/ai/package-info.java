/**
 * Language models as a platform capability: the chain of providers every domain asks (ChatModelChain).
 * A named interface of the platform module: the domains may use its public types.
 */
@org.springframework.modulith.NamedInterface("ai")
package io.relais.platform.ai;
