/**
 * In-process sentence embeddings (all-MiniLM-L6-v2) for the domains that search or classify text.
 * A named interface of the platform module: the domains may use its public types.
 */
@org.springframework.modulith.NamedInterface("embeddings")
package io.relais.platform.embeddings;
