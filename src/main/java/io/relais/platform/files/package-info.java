/**
 * File drops: the inbox convention, its idempotent read lock and the import report.
 * A named interface of the platform module: the domains may use its public types.
 */
@org.springframework.modulith.NamedInterface("files")
package io.relais.platform.files;
