/**
 * Retail: the Online Retail II ETL (clean, master data, COPY load, views, quality checks, run tracking) and the
 * text-to-SQL agent over the views.
 */
package io.relais.retail;
