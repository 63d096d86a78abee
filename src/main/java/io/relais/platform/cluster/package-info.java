/**
 * Nodes and leases: a long job is leased by one node and taken over once if that node dies (LeasedJob).
 * A named interface of the platform module: the domains may use its public types.
 */
@org.springframework.modulith.NamedInterface("cluster")
package io.relais.platform.cluster;
