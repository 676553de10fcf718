package dev.microposts.web.spi;

/**
 * The build a process runs, as the edge states it on every response, so a client's report or a load balancer's
 * log names the release that answered. The module that reads the build's record supplies it; the edge only
 * writes it down.
 */
public interface ServiceVersion {

    /** The header every response carries. */
    String HEADER = "X-MicroPosts-Version";

    /** The version with the commit as build metadata, {@code 0.2.0+3f2c1ab}, as logs and metrics give it. */
    String label();
}
