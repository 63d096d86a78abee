/**
 * The Camunda engine as the platform wires it: routes called from BPMN (callRoute), identity, authorizations.
 * A named interface of the platform module: the domains may use its public types.
 */
@org.springframework.modulith.NamedInterface("camunda")
package io.relais.platform.camunda;
