/**
 * Production: multi-site duck-farming analytics (sites, farmers, batches and their daily measurements), models
 * retrained on schedule, and abattoir planning.
 */
package io.relais.production;
