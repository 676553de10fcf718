package dev.microposts.engines;

import java.nio.file.Path;

/**
 * Which engines this process uses and where they live, as decided from the environment at start-up.
 *
 * @param dataDirectory absolute directory holding the embedded engines' files
 * @param databaseEmbedded whether PostgreSQL runs inside this process
 * @param databaseLocation the external server's address, or the embedded data directory
 * @param brokerEmbedded whether the Artemis broker runs inside this process
 * @param brokerLocation the external broker's URL, or the embedded journal directory
 */
public record BackingServices(
        Path dataDirectory,
        boolean databaseEmbedded,
        String databaseLocation,
        boolean brokerEmbedded,
        String brokerLocation) {

    /** One line an operator reads at start-up, e.g. {@code database: embedded PostgreSQL (./data/postgres)}. */
    public String describe() {
        return "database: " + (databaseEmbedded ? "embedded PostgreSQL (" : "external PostgreSQL (")
                + databaseLocation + "), broker: "
                + (brokerEmbedded ? "embedded Artemis (" : "external Artemis (")
                + brokerLocation + ")";
    }
}
