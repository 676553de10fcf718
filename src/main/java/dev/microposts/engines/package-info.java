/**
 * The backing services: PostgreSQL and the Artemis broker, started inside the process when no URL is
 * configured ({@code DATABASE_URL}, {@code BROKER_URL}) and attached by URL otherwise.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Engines")
package dev.microposts.engines;
