/** Resources: the resource-sharing app's localStorage export moved into PostgreSQL (19 tables), and its API. */
package io.relais.resources;
