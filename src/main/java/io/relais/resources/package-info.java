/** Resources: the resource-sharing app's localStorage export moved into PostgreSQL (19 tables), and its API. */
@org.springframework.modulith.ApplicationModule(displayName = "Resources", allowedDependencies = {"platform::data", "platform::redis", "platform::security", "platform::web"})
package io.relais.resources;
