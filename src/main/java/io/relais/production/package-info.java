/**
 * Production: multi-site duck-farming analytics (sites, farmers, batches and their daily measurements), models
 * retrained on schedule, and abattoir planning.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Production", allowedDependencies = {"platform::cluster", "platform::embedded", "platform::files", "platform::ops", "platform::security", "platform::web"})
package io.relais.production;
