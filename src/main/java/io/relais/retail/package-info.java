/**
 * Retail: the Online Retail II ETL (clean, master data, COPY load, views, quality checks, run tracking) and the
 * text-to-SQL agent over the views.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Retail", allowedDependencies = {"platform::ai", "platform::cluster", "platform::embedded", "platform::embeddings", "platform::files", "platform::ops", "platform::security", "platform::web"})
package io.relais.retail;
