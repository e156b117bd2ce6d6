/**
 * Shared HTTP plumbing for provider modules: {@link dev.lora4j.spi.http.ProviderHttpClient} makes
 * one JSON call per subscription over a bounded connection pool and maps every failure to the
 * {@link dev.lora4j.Lora4jException} hierarchy; {@link dev.lora4j.spi.http.HttpErrorMapper} lets a
 * provider refine that mapping per call; {@link dev.lora4j.spi.http.Redactor} keeps credentials out
 * of messages and logs; {@link dev.lora4j.spi.http.RetryAfter} reads {@code Retry-After}.
 *
 * <p>This package is SPI: it is meant for provider authors, not for applications.
 */
@NullMarked
package dev.lora4j.spi.http;

import org.jspecify.annotations.NullMarked;
