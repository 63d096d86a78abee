/** Knowledge: crawl a site within its domain, chunk and embed it in-process, answer questions with their sources. */
@org.springframework.modulith.ApplicationModule(displayName = "Knowledge", allowedDependencies = {"platform::ai", "platform::cluster", "platform::data", "platform::ops", "platform::security", "platform::web"})
package io.relais.knowledge;
