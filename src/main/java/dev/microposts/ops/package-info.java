/**
 * Operations: what a process is and what an operator sees of it. The process's roles ({@code web},
 * {@code worker} or {@code all}) and its name in logs and alerts; the one leader among the processes of a
 * deployment, for the duties that must happen once; the admin commands that run against the same
 * configuration as the service; the start-up line with its URL, version and engines, and the start record
 * every process leaves, so an incident can be tied to the release that was running; which actuator endpoints
 * the site's port exposes; and the figures each process measures, taken across the deployment.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ops")
package dev.microposts.ops;
