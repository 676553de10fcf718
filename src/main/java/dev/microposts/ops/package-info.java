/**
 * Operations: what an operator sees of a running process: the start-up line with its URL, version and
 * engines, and the version and commit in {@code /actuator/info}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ops")
package dev.microposts.ops;
