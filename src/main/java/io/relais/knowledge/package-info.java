/** Knowledge: crawl a site within its domain, chunk and embed it in-process, answer questions with their sources. */
package io.relais.knowledge;
